import CNNWinogradKernels

/// A block of consecutive tiles of a Winograd conv that is transformed, multiplied and
/// transformed back before the next one, so that its V and M stay in the L2 cache: whole
/// groups of 16 tiles (one vector), the last group possibly cut by the end of the batch.
struct WinogradBlock {
    /// The tiles of the block (numbered across the batch).
    let tiles: Range<Int>
    /// The groups of 16 tiles.
    let groups: Int

    /// The tiles the block's matrices have room for (16 per group).
    var paddedTiles: Int { groups * WinogradLanes.count }

    /// The floats between consecutive frequencies of the block's V (`rows` = C_in) or M (`rows`
    /// = a band's output channels): a `rows × paddedTiles` matrix plus `frequencySkew`.
    func frequencyStride(rows: Int) -> Int { rows * paddedTiles + Self.frequencySkew }

    /// The floats added after each frequency's matrix. The lane transforms read or write one
    /// vector of every frequency; without the skew these α² vectors are often a multiple of
    /// 4 KiB apart (64 channels × 48 tiles is 12 KiB) and compete for one set of the L1 cache
    /// (measured on the lane transforms of 64→64 at 56x56 alone: the F(4x4) input transform
    /// 6× and the output transform 2.7× slower; the whole conv 1.2× slower).
    static let frequencySkew = WinogradLanes.count

    /// The blocks of the groups `groups` of `tileCount` tiles: `maximumGroups` groups each,
    /// the last one fewer.
    static func blocks(ofGroups groups: Range<Int>, tileCount: Int, maximumGroups: Int,
                       _ body: (WinogradBlock) -> Void) {
        let lanes = WinogradLanes.count
        for first in stride(from: groups.lowerBound, to: groups.upperBound, by: maximumGroups) {
            let end = min(first + maximumGroups, groups.upperBound)
            body(WinogradBlock(tiles: (first * lanes)..<min(end * lanes, tileCount), groups: end - first))
        }
    }
}
