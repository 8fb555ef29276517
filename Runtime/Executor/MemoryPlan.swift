import CNNIR

/// Places the buffers of a run in one arena. The executor asks it once, when a plan is prepared.
public protocol MemoryPlanner: Sendable {
    /// An offset for every buffer of `request` (aligned, and never overlapping a buffer alive
    /// at the same time) and the arena size.
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

    /// Proves the plan correct for `request`: one offset per buffer, every offset aligned,
    /// every buffer inside the arena, and no two buffers alive at the same step sharing a byte.
    /// Throws a `Diagnostic` naming the first problem found.
    public func validate(_ request: MemoryPlanRequest) throws {
        let buffers = request.buffers
        guard offsets.count == buffers.count else {
            throw Diagnostic("memory plan has \(offsets.count) offsets for \(buffers.count) buffers")
        }
        for (buffer, offset) in zip(buffers, offsets) {
            guard buffer.bytes >= 0, buffer.firstStep <= buffer.lastStep else {
                throw Diagnostic("buffer \(buffer.name) has \(buffer.bytes) bytes alive from step \(buffer.firstStep) to \(buffer.lastStep)")
            }
            guard offset >= 0, offset % request.alignment == 0, offset + buffer.bytes <= arenaBytes else {
                throw Diagnostic("buffer \(buffer.name) at offset \(offset) (\(buffer.bytes) bytes) is not \(request.alignment)-byte aligned inside the arena of \(arenaBytes) bytes")
            }
        }
        for first in buffers.indices where buffers[first].bytes > 0 {
            for second in buffers.indices where second > first && buffers[second].bytes > 0 {
                let (a, b) = (buffers[first], buffers[second])
                guard a.isAlive(togetherWith: b) else { continue }
                let (aStart, bStart) = (offsets[first], offsets[second])
                if aStart < bStart + b.bytes && bStart < aStart + a.bytes {
                    throw Diagnostic("buffers \(a.name) (bytes \(aStart)..<\(aStart + a.bytes), steps \(a.firstStep)...\(a.lastStep)) and \(b.name) (bytes \(bStart)..<\(bStart + b.bytes), steps \(b.firstStep)...\(b.lastStep)) overlap while both are alive")
                }
            }
        }
    }
}
