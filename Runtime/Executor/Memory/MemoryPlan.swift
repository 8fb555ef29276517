/// Places the buffers of a run in one arena. The executor asks it once, when a plan is prepared.
public protocol MemoryPlanner: Sendable {
    /// An offset for every buffer of `request` (every storage block aligned and never
    /// overlapping a block alive at the same time; every buffer that shares bytes at its place
    /// in the buffer it shares) and the arena size.
    func plan(_ request: MemoryPlanRequest) -> MemoryPlan
}

/// Where each buffer of a run lives in the arena.
public struct MemoryPlan: Sendable, Equatable {
    /// The offset of each buffer of the request, in the request's order.
    public var offsets: [Int]
    /// The arena size in bytes: at least every buffer's end.
    public var arenaBytes: Int

    /// Creates a plan.
    public init(offsets: [Int], arenaBytes: Int) {
        self.offsets = offsets
        self.arenaBytes = arenaBytes
    }

    /// The plan that puts each of `blocks` (the request's `blocks`) at the offset of the same
    /// index in `blockOffsets`, and every buffer at its place in its block; the arena ends at
    /// the end of the last block.
    public init(request: MemoryPlanRequest, blocks: [StorageBlock], blockOffsets: [Int]) {
        var rootOffsets: [Int: Int] = [:]
        var arenaBytes = 0
        for (block, offset) in zip(blocks, blockOffsets) {
            rootOffsets[block.buffer] = offset
            if block.bytes > 0 { arenaBytes = max(arenaBytes, offset + block.bytes) }
        }
        let roots = BufferRoots(request)
        offsets = request.buffers.indices.map { index in
            (rootOffsets[roots.root[index]] ?? 0) + roots.offsetInRoot[index]
        }
        self.arenaBytes = arenaBytes
    }
}
