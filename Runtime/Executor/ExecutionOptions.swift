import Foundation

/// How a model is prepared and run: which kernels, how many threads, which memory planner.
public struct ExecutionOptions: Sendable {
    /// Which kernels run the nodes.
    public enum Backend: String, Sendable, CaseIterable {
        /// The fast kernel families where one fits the node, the reference kernels elsewhere.
        case fast
        /// The reference kernels for every node (slow; the oracle to compare against).
        case reference
    }

    /// The environment variable that sets the default thread count.
    public static let threadCountVariable = "CNNC_NUM_THREADS"

    /// Which kernels run the nodes (`.fast` by default).
    public var backend: Backend
    /// The number of threads a run may keep busy (≥ 1): the kernels split their work over this
    /// many threads of the runtime's worker pool.
    public var threadCount: Int
    /// Places the intermediate values of a run in one arena.
    public var memoryPlanner: any MemoryPlanner
    /// Lets values share bytes in the arena (`true` by default): views (reshape, flatten,
    /// squeeze, unsqueeze, identity, dropout) are their operand's bytes, element-wise results
    /// overwrite an operand read for the last time, and concat operands are written straight
    /// into their slice of the result. `false` gives every value bytes of its own.
    public var sharesBuffers: Bool

    /// Creates options; the thread count defaults to `defaultThreadCount()`.
    public init(backend: Backend = .fast, threadCount: Int? = nil,
                memoryPlanner: any MemoryPlanner = GreedyMemoryPlanner(), sharesBuffers: Bool = true) {
        self.backend = backend
        self.threadCount = max(1, threadCount ?? ExecutionOptions.defaultThreadCount())
        self.memoryPlanner = memoryPlanner
        self.sharesBuffers = sharesBuffers
    }

    /// `CNNC_NUM_THREADS` from `environment` if it holds a positive integer, else the number of
    /// active processors.
    public static func defaultThreadCount(environment: [String: String] = ProcessInfo.processInfo.environment) -> Int {
        if let text = environment[threadCountVariable],
           let count = Int(text.trimmingCharacters(in: .whitespaces)), count >= 1 {
            return count
        }
        return max(1, ProcessInfo.processInfo.activeProcessorCount)
    }
}
