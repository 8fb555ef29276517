/// An order in which a greedy planner places storage blocks. Each suits other lifetimes, so a
/// planner tries several and keeps the smallest arena (as XLA's heap simulator and Glow's
/// allocator do).
public enum PlacementOrder: String, Sendable, CaseIterable {
    /// Largest first (ties: longer-lived first).
    case size
    /// Longest-lived first (ties: larger first).
    case lifetime
    /// Earliest first (ties: larger first).
    case firstStep = "first-step"
    /// Largest size × lifetime first.
    case area
    /// Glow's: at the step where the blocks not yet placed hold the most bytes, the largest of
    /// them alive there (ties: longer-lived), and again until all are placed.
    case peakSize = "peak-size"
    /// Like `peakSize`, choosing the longest-lived block at that step (ties: larger).
    case peakLifetime = "peak-lifetime"

    /// The indices of `blocks` in this order (ties finally by index).
    public func arrange(_ blocks: [StorageBlock]) -> [Int] {
        switch self {
        case .size: return Self.sorted(blocks) { ($0.bytes, $0.lifetime, -$0.firstStep) }
        case .lifetime: return Self.sorted(blocks) { ($0.lifetime, $0.bytes, -$0.firstStep) }
        case .firstStep: return Self.sorted(blocks) { (-$0.firstStep, $0.bytes, $0.lifetime) }
        case .area: return Self.sorted(blocks) { ($0.bytes * $0.lifetime, $0.bytes, -$0.firstStep) }
        case .peakSize: return Self.peakFirst(blocks) { ($0.bytes, $0.lifetime) }
        case .peakLifetime: return Self.peakFirst(blocks) { ($0.lifetime, $0.bytes) }
        }
    }

    /// The indices sorted by `key`, largest first, then by index.
    private static func sorted(_ blocks: [StorageBlock], by key: (StorageBlock) -> (Int, Int, Int)) -> [Int] {
        let keys = blocks.map(key)
        return blocks.indices.sorted { a, b in keys[a] != keys[b] ? keys[a] > keys[b] : a < b }
    }

    /// Glow's order: repeatedly the step with the most unplaced bytes alive, and there the
    /// unplaced block with the largest `key` (then the lowest index).
    private static func peakFirst(_ blocks: [StorageBlock], by key: (StorageBlock) -> (Int, Int)) -> [Int] {
        let firstStep = blocks.map(\.firstStep).min() ?? 0
        let lastStep = blocks.map(\.lastStep).max() ?? 0
        var live = Array(repeating: 0, count: max(0, lastStep - firstStep + 1))
        for block in blocks {
            for step in stride(from: block.firstStep, through: block.lastStep, by: 1) { live[step - firstStep] += block.bytes }
        }
        var remaining = blocks.indices.filter { blocks[$0].bytes > 0 }
        var order: [Int] = []
        while !remaining.isEmpty {
            let busiest = (live.indices.max { live[$0] < live[$1] } ?? 0) + firstStep
            let alive = remaining.filter { blocks[$0].firstStep <= busiest && busiest <= blocks[$0].lastStep }
            let chosen = alive.max { a, b in key(blocks[a]) != key(blocks[b]) ? key(blocks[a]) < key(blocks[b]) : a > b }
                ?? remaining[0]
            order.append(chosen)
            remaining.removeAll { $0 == chosen }
            let block = blocks[chosen]
            for step in stride(from: block.firstStep, through: block.lastStep, by: 1) { live[step - firstStep] -= block.bytes }
        }
        return order + blocks.indices.filter { blocks[$0].bytes == 0 }
    }
}
