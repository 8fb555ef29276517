/// How a GEMM-based conv divides its work: every image and channel group, with the window
/// positions of each taken in segments. One work item is one segment of one group of one image:
/// a product `Y[group][:, segment] = W[group] · B[:, segment]`, where B is the gathered column
/// matrix (im2col) or the image itself (1x1).
///
/// Two ways to use the threads:
/// - Each thread takes a contiguous share of the items and runs them alone. Segments bound the
///   column matrix one thread gathers (`columnBudgetBytes`) and, when a run has fewer images and
///   groups than threads, split the positions so that every thread gets the same number of
///   them; a segment's length is a multiple of 16 (the packed GEMM's column tile) where that
///   does not cost a thread its share.
/// - `splitsOutputChannels`: every thread runs every item, for its share of the output
///   channels (rows of W). This is chosen when there are fewer images and groups than threads
///   and a group's weights outweigh its column matrix (more output channels than positions: the
///   deep, small layers of a CNN), because threads running items alone would each stream all
///   the weights; the items are then not segmented.
struct ConvolutionWork: Sendable {
    /// Images times channel groups.
    let groupImages: Int
    /// The window positions of one image.
    let positions: Int
    /// The most positions one segment takes.
    let segmentLength: Int
    /// Segments per group of one image.
    let segmentsPerGroup: Int
    /// Whether threads split every item by output channels (else each thread runs items alone).
    let splitsOutputChannels: Bool

    /// The bytes of column matrix one thread may gather at once: about half of this processor's
    /// 1 MiB L2, so that the gathered columns are still there when the GEMM packs them.
    static let columnBudgetBytes = 512 << 10

    /// The largest column matrix that threads splitting output channels gather whole (beyond
    /// it, the product is cut into segments that threads run alone).
    static let sharedColumnLimitBytes = 4 << 20

    /// The work of `geometry` for up to `threadCount` threads, whose column matrices have
    /// `columnRows` rows (0 when nothing is gathered).
    init(_ geometry: ConvolutionGeometry, columnRows: Int, threadCount: Int) {
        groupImages = geometry.batch * geometry.groups
        positions = geometry.windowCounts.reduce(1, *)
        let fewItems = groupImages < threadCount
        splitsOutputChannels = threadCount > 1 && fewItems && geometry.outputChannelsPerGroup >= positions
            && columnRows * positions * MemoryLayout<Float>.stride <= ConvolutionWork.sharedColumnLimitBytes
        var segments = 1
        if !splitsOutputChannels {
            if columnRows > 0 {
                let budgetPositions = max(1, ConvolutionWork.columnBudgetBytes / (columnRows * MemoryLayout<Float>.stride))
                segments = (positions + budgetPositions - 1) / budgetPositions
            }
            if fewItems {
                // A multiple of the segments each image needs so that every thread gets as many.
                let perImage = (threadCount + groupImages - 1) / groupImages
                let balanced = (max(segments, perImage) + perImage - 1) / perImage * perImage
                segments = max(1, min(balanced, positions / 64))
            }
        }
        let length = (positions + segments - 1) / segments
        let rounded = (length + 15) / 16 * 16
        segmentLength = segments == 1 ? positions : (positions + rounded - 1) / rounded == segments ? rounded : length
        segmentsPerGroup = (positions + segmentLength - 1) / segmentLength
    }

    /// The number of work items.
    var itemCount: Int { groupImages * segmentsPerGroup }

    /// Work item `index`: its image-and-group index (image-major) and its window positions.
    @inline(__always)
    func item(_ index: Int) -> (groupImage: Int, positions: Range<Int>) {
        let segment = index % segmentsPerGroup
        let first = segment * segmentLength
        return (index / segmentsPerGroup, first..<min(first + segmentLength, positions))
    }

    /// The items of part `part` of `parts`: a contiguous range, sizes differing by at most one.
    func items(ofPart part: Int, parts: Int) -> Range<Int> {
        (part * itemCount / parts)..<((part + 1) * itemCount / parts)
    }
}
