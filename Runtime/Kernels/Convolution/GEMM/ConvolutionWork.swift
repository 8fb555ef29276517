/// How a GEMM-based conv divides its work: every image and channel group, with the window
/// positions of each taken in chunks. One work item is one chunk of one group of one image: a
/// product `Y[group][:, chunk] = W[group] · B[:, chunk]`, where B is the gathered column
/// matrix (im2col) or the image itself (1x1).
///
/// Two ways to use the threads:
/// - Each thread takes a contiguous share of the items and runs them alone. When a run has
///   fewer images and groups than threads, each group's positions are first split into shares,
///   one per thread, equal to within a column tile per share; each share is cut into chunks
///   that bound the column matrix one thread gathers (`columnBudgetBytes`). Share boundaries and chunk lengths are multiples of
///   the GEMM's column tile, so that only the last chunk of a share ends in a partial tile.
/// - `splitsOutputChannels`: every thread runs every item, for its share of the output
///   channels (rows of W). This is chosen when there are fewer images and groups than threads
///   and a group's weights outweigh its column matrix (more output channels than positions: the
///   deep, small layers of a CNN), because threads running items alone would each stream all
///   the weights; the positions are then one chunk.
struct ConvolutionWork: Sendable {
    /// Images times channel groups.
    let groupImages: Int
    /// The window positions of one image.
    let positions: Int
    /// The shares each group image's positions are split into.
    let sharesPerGroup: Int
    /// The positions of every share but the last (a multiple of the column tile).
    let shareLength: Int
    /// The positions of every chunk but the last of its share.
    let chunkLength: Int
    /// The chunks of the longest share.
    let chunksPerShare: Int
    /// Whether threads split every item by output channels (else each thread runs items alone).
    let splitsOutputChannels: Bool

    /// The bytes of column matrix one thread may gather at once: about half of this processor's
    /// 1 MiB L2, so that the gathered columns are still there when the GEMM packs them.
    static let columnBudgetBytes = 512 << 10

    /// The largest column matrix that threads splitting output channels gather whole (beyond
    /// it, the product is cut into chunks that threads run alone).
    static let sharedColumnLimitBytes = 4 << 20

    /// The least positions worth a share of their own.
    static let minimumShare = 64

    /// The work of `geometry` for up to `threadCount` threads, whose column matrices have
    /// `columnRows` rows (0 when nothing is gathered), on a GEMM of column tile `columnTile`.
    init(_ geometry: ConvolutionGeometry, columnRows: Int, threadCount: Int, columnTile: Int) {
        groupImages = geometry.batch * geometry.groups
        positions = geometry.windowCounts.reduce(1, *)
        let fewItems = groupImages < threadCount
        splitsOutputChannels = threadCount > 1 && fewItems && geometry.outputChannelsPerGroup >= positions
            && columnRows * positions * MemoryLayout<Float>.stride <= ConvolutionWork.sharedColumnLimitBytes
        var shares = 1
        if fewItems && !splitsOutputChannels {
            let perImage = (threadCount + groupImages - 1) / groupImages
            shares = max(1, min(perImage, positions / ConvolutionWork.minimumShare))
        }
        let tile = max(1, columnTile)
        // Shares of whole tiles nearest to equal, the last one taking the rest.
        let nearest = max(tile, (positions / shares + tile / 2) / tile * tile)
        shareLength = shares == 1 || nearest * (shares - 1) >= positions ? positions : nearest
        sharesPerGroup = shareLength == positions ? 1 : shares
        let longestShare = max(shareLength, positions - (sharesPerGroup - 1) * shareLength)
        var chunk = longestShare
        if columnRows > 0 && !splitsOutputChannels {
            let budgetPositions = max(1, ConvolutionWork.columnBudgetBytes / (columnRows * MemoryLayout<Float>.stride))
            chunk = min(longestShare, max(tile, budgetPositions / tile * tile))
        }
        chunkLength = max(1, chunk)
        chunksPerShare = (longestShare + chunkLength - 1) / chunkLength
    }

    /// The number of work items (some may be empty when shares differ in length).
    var itemCount: Int { groupImages * sharesPerGroup * chunksPerShare }

    /// The most positions one item takes.
    var longestItem: Int { chunkLength }

    /// Work item `index`: its image-and-group index (image-major) and its window positions
    /// (empty for a chunk past the end of a shorter share).
    @inline(__always)
    func item(_ index: Int) -> (groupImage: Int, positions: Range<Int>) {
        let (groupImage, withinGroup) = index.quotientAndRemainder(dividingBy: sharesPerGroup * chunksPerShare)
        let (share, chunk) = withinGroup.quotientAndRemainder(dividingBy: chunksPerShare)
        let shareStart = share * shareLength
        let shareEnd = share == sharesPerGroup - 1 ? positions : min(positions, shareStart + shareLength)
        let first = min(shareEnd, shareStart + chunk * chunkLength)
        return (groupImage, first..<min(shareEnd, first + chunkLength))
    }

    /// The distinct position counts of the items (for preparing one product per length).
    var itemLengths: [Int] {
        var lengths: [Int] = []
        for index in 0..<(sharesPerGroup * chunksPerShare) {
            let count = item(index).positions.count
            if count > 0 && !lengths.contains(count) { lengths.append(count) }
        }
        return lengths
    }

    /// The items of part `part` of `parts`: a contiguous range, sizes differing by at most one.
    func items(ofPart part: Int, parts: Int) -> Range<Int> {
        equalShare(part, of: parts, itemCount)
    }
}
