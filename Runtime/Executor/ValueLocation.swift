/// Where a value lives during a run.
enum ValueLocation: Sendable {
    /// At a byte offset in the run's arena (graph inputs and node results).
    case arena(Int)
    /// At a byte offset in the plan's resident storage (parameters and constants).
    case resident(Int)

    /// The address of the value, given the run's arena and the plan's resident storage.
    func pointer(arena: UnsafeMutableRawPointer, resident: ResidentStorage) -> UnsafeMutableRawPointer {
        switch self {
        case .arena(let offset): return arena + offset
        case .resident(let offset): return resident.base + offset
        }
    }
}
