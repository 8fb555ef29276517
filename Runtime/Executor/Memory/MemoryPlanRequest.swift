/// What a memory planner places: every buffer of a run, and the alignment of every offset.
public struct MemoryPlanRequest: Sendable, Equatable {
    /// The buffers, in a fixed order; a plan gives one offset per buffer, in the same order.
    public var buffers: [MemoryBuffer]
    /// Every block's offset must be a multiple of this (64 bytes: a cache line, and AVX-512 loads).
    public var alignment: Int

    /// Creates a request.
    public init(buffers: [MemoryBuffer], alignment: Int = 64) {
        self.buffers = buffers
        self.alignment = max(1, alignment)
    }

    /// The bytes needed if every buffer had memory of its own, none shared: the naive sum.
    public var naiveBytes: Int { buffers.reduce(0) { $0 + $1.bytes } }

    /// The most bytes of storage blocks alive at any one step, each block rounded up to the
    /// alignment: no plan of these blocks can use a smaller arena.
    public var peakLiveBytes: Int { StorageBlock.peakLiveBytes(of: blocks) }

    /// The storage blocks a planner places: one per buffer with bytes of its own, alive while
    /// it or any buffer sharing its bytes is.
    public var blocks: [StorageBlock] {
        let roots = BufferRoots(self)
        var blocks: [Int: StorageBlock] = [:]
        for (index, buffer) in buffers.enumerated() {
            let root = roots.root[index]
            if var block = blocks[root] {
                block.firstStep = min(block.firstStep, buffer.firstStep)
                block.lastStep = max(block.lastStep, buffer.lastStep)
                blocks[root] = block
            } else {
                blocks[root] = StorageBlock(buffer: root, bytes: aligned(buffers[root].bytes),
                                            firstStep: buffer.firstStep, lastStep: buffer.lastStep)
            }
        }
        return blocks.values.sorted { $0.buffer < $1.buffer }
    }

    /// `offset` rounded up to the alignment.
    public func aligned(_ offset: Int) -> Int {
        (offset + alignment - 1) / alignment * alignment
    }
}
