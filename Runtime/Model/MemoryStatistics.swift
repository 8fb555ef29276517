/// How much memory a run of a model uses for its intermediate values.
public struct MemoryStatistics: Sendable, Equatable {
    /// The arena size in bytes.
    public var arenaBytes: Int
    /// The bytes needed if every intermediate value and workspace had its own memory.
    public var naiveBytes: Int
    /// The most bytes alive at any one step: the lower bound of any arena.
    public var peakLiveBytes: Int

    /// The statistics of a memory plan.
    public init(request: MemoryPlanRequest, plan: MemoryPlan) {
        arenaBytes = plan.arenaBytes
        naiveBytes = request.naiveBytes
        peakLiveBytes = request.peakLiveBytes
    }

    /// Peak live bytes over arena bytes: 1.0 is a perfect plan.
    public var efficiency: Double { arenaBytes == 0 ? 1 : Double(peakLiveBytes) / Double(arenaBytes) }
}
