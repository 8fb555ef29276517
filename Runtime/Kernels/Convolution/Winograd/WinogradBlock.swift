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
