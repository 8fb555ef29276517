/// A memory planner that places storage blocks one at a time, each in a gap among the blocks
/// already placed and alive at the same time, or above them all when no gap is large enough.
///
/// It tries every combination of its fits and orders and keeps the smallest arena. Then, while
/// that arena is above the lower bound (the request's `peakLiveBytes`), it repairs the best
/// order up to `repairs` times: the block that reaches the top of the arena (the first in the
/// order of those that do) moves to the front and the blocks are placed again (squeaky-wheel
/// optimization), keeping any smaller arena.
/// The default combines XNNPACK's best-fit placement, XLA's "try several orders" and Glow's
/// peak-first order; the same request always gets the same plan.
public struct GreedyMemoryPlanner: MemoryPlanner {
    /// Which gap a block goes into.
    public enum Fit: String, Sendable, CaseIterable {
        /// The lowest gap large enough (TensorFlow Lite's arena planner).
        case first
        /// The smallest gap large enough, the lowest of equal ones (XNNPACK's planner).
        case best
    }

    /// The fits tried.
    public var fits: [Fit]
    /// The orders tried with each fit.
    public var orders: [PlacementOrder]
    /// At most how many times the best order is repaired.
    public var repairs: Int

    /// Creates a planner trying `fits` in each of `orders` (by default: best then first fit,
    /// in every order), then repairing the best order up to `repairs` times.
    public init(fits: [Fit] = [.best, .first], orders: [PlacementOrder] = PlacementOrder.allCases, repairs: Int = 64) {
        self.fits = fits
        self.orders = orders
        self.repairs = max(0, repairs)
    }

    public func plan(_ request: MemoryPlanRequest) -> MemoryPlan {
        let blocks = request.blocks
        var best: (arenaBytes: Int, offsets: [Int], order: [Int], fit: Fit)?
        for order in orders {
            let arrangement = order.arrange(blocks)
            for fit in fits {
                let offsets = Self.place(blocks, in: arrangement, fit: fit)
                let arenaBytes = Self.arenaBytes(blocks, offsets)
                if arenaBytes < best?.arenaBytes ?? .max { best = (arenaBytes, offsets, arrangement, fit) }
            }
        }
        guard var found = best else {
            return MemoryPlan(request: request, blocks: blocks, blockOffsets: blocks.map { _ in 0 })
        }
        let lowerBound = StorageBlock.peakLiveBytes(of: blocks)
        var order = found.order, current = found.offsets, repairsLeft = repairs
        while repairsLeft > 0, found.arenaBytes > lowerBound,
              let top = order.max(by: { current[$0] + blocks[$0].bytes < current[$1] + blocks[$1].bytes }) {
            repairsLeft -= 1
            order = [top] + order.filter { $0 != top }
            current = Self.place(blocks, in: order, fit: found.fit)
            let arenaBytes = Self.arenaBytes(blocks, current)
            if arenaBytes < found.arenaBytes { (found.arenaBytes, found.offsets) = (arenaBytes, current) }
        }
        return MemoryPlan(request: request, blocks: blocks, blockOffsets: found.offsets)
    }

    /// The end of the highest block.
    private static func arenaBytes(_ blocks: [StorageBlock], _ offsets: [Int]) -> Int {
        zip(blocks, offsets).reduce(0) { end, placed in placed.0.bytes > 0 ? max(end, placed.1 + placed.0.bytes) : end }
    }

    /// The offset of every block (all sizes aligned), placed in `order` with `fit`.
    static func place(_ blocks: [StorageBlock], in order: [Int], fit: Fit) -> [Int] {
        var offsets = Array(repeating: 0, count: blocks.count)
        var placed: [Int] = []
        for index in order {
            let block = blocks[index]
            guard block.bytes > 0 else { continue }
            let neighbours = placed.filter { blocks[$0].isAlive(togetherWith: block) }.sorted { offsets[$0] < offsets[$1] }
            var end = 0
            var chosen: (offset: Int, gap: Int)?
            for neighbour in neighbours {
                let gap = offsets[neighbour] - end
                if gap >= block.bytes && gap < chosen?.gap ?? .max {
                    chosen = (end, gap)
                    if fit == .first { break }
                }
                end = max(end, offsets[neighbour] + blocks[neighbour].bytes)
            }
            offsets[index] = chosen?.offset ?? end
            placed.append(index)
        }
        return offsets
    }
}
