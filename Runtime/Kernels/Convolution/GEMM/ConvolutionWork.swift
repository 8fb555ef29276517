/// How a GEMM-based conv divides its work: every image and channel group, with the window
/// positions of each taken in segments. One work item is one segment of one group of one image:
/// a product `Y[group][:, segment] = W[group] · B[:, segment]`, where B is the gathered column
/// matrix (im2col) or the image itself (1x1).
///
/// Segments bound the column matrix one thread gathers (`columnBudgetBytes`) and, when a run has
/// fewer images and groups than threads, split the positions further so that every thread gets
/// work; their length is a multiple of 16 (the packed GEMM's column tile) but for the last.
struct ConvolutionWork: Sendable {
    /// Images times channel groups.
    let groupImages: Int
    /// The window positions of one image.
    let positions: Int
    /// The most positions one segment takes.
    let segmentLength: Int
    /// Segments per group of one image.
    let segmentsPerGroup: Int

    /// The bytes of column matrix one thread may gather at once: about half of this processor's
    /// 1 MiB L2, so that the gathered columns are still there when the GEMM packs them.
    static let columnBudgetBytes = 512 << 10

    /// The work of `geometry` for up to `threadCount` threads, whose column matrices have
    /// `columnRows` rows (0 when nothing is gathered).
    init(_ geometry: ConvolutionGeometry, columnRows: Int, threadCount: Int) {
        groupImages = geometry.batch * geometry.groups
        positions = geometry.windowCounts.reduce(1, *)
        var segments = 1
        if columnRows > 0 {
            let budgetPositions = max(1, ConvolutionWork.columnBudgetBytes / (columnRows * MemoryLayout<Float>.stride))
            segments = (positions + budgetPositions - 1) / budgetPositions
        }
        if groupImages * segments < threadCount {
            let wanted = (threadCount + groupImages - 1) / groupImages
            segments = max(segments, min(wanted, positions / 64))
        }
        segments = max(1, segments)
        let length = (positions + segments - 1) / segments
        segmentLength = segments == 1 ? positions : min(positions, (length + 15) / 16 * 16)
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
