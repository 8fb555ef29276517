/// A memory planner that places buffers one at a time, each at the lowest aligned offset where
/// it overlaps no buffer already placed and alive at the same time (first fit), as TensorFlow
/// Lite's arena planner does. It tries two orders, largest buffers first and earliest first,
/// and keeps the smaller arena.
public struct GreedyMemoryPlanner: MemoryPlanner {
    /// Creates the planner.
    public init() {}

    public func plan(_ request: MemoryPlanRequest) -> MemoryPlan {
        let buffers = request.buffers
        let bySize = buffers.indices.sorted { a, b in
            buffers[a].bytes != buffers[b].bytes ? buffers[a].bytes > buffers[b].bytes : a < b
        }
        let byFirstStep = buffers.indices.sorted { a, b in
            buffers[a].firstStep != buffers[b].firstStep ? buffers[a].firstStep < buffers[b].firstStep
                : buffers[a].bytes != buffers[b].bytes ? buffers[a].bytes > buffers[b].bytes : a < b
        }
        let candidates = [bySize, byFirstStep].map { place(request, in: $0) }
        return candidates.min { $0.arenaBytes < $1.arenaBytes } ?? MemoryPlan(offsets: [], arenaBytes: 0)
    }

    /// Places the buffers in `order`, each at the first gap that fits among the buffers alive
    /// with it.
    private func place(_ request: MemoryPlanRequest, in order: [Int]) -> MemoryPlan {
        let buffers = request.buffers
        var offsets = Array(repeating: 0, count: buffers.count)
        var placed: [Int] = []
        var arenaBytes = 0
        for index in order {
            let buffer = buffers[index]
            guard buffer.bytes > 0 else { continue }
            let neighbours = placed
                .filter { buffers[$0].isAlive(togetherWith: buffer) }
                .sorted { offsets[$0] < offsets[$1] }
            var candidate = 0
            for neighbour in neighbours {
                if candidate + buffer.bytes <= offsets[neighbour] { break }
                candidate = max(candidate, request.aligned(offsets[neighbour] + buffers[neighbour].bytes))
            }
            offsets[index] = candidate
            placed.append(index)
            arenaBytes = max(arenaBytes, candidate + buffer.bytes)
        }
        return MemoryPlan(offsets: offsets, arenaBytes: arenaBytes)
    }
}
