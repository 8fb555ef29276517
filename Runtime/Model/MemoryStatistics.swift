/// How much memory a run of a model uses for its intermediate values and kernel workspaces.
public struct MemoryStatistics: Sendable, Equatable {
    /// The arena size in bytes.
    public var arenaBytes: Int
    /// The bytes needed if every intermediate value and workspace had memory of its own, none
    /// shared: the naive sum.
    public var naiveBytes: Int
    /// The most bytes alive at any one step, each storage block rounded up to the alignment:
    /// the lower bound of any arena for these blocks.
    public var peakLiveBytes: Int
    /// How many values live in another value's bytes, by kind (views, in-place results,
    /// concat slices); kinds without any are absent.
    public var sharedBuffers: [BufferSharing.Kind: Int]

    /// The statistics of a memory plan.
    public init(request: MemoryPlanRequest, plan: MemoryPlan) {
        arenaBytes = plan.arenaBytes
        naiveBytes = request.naiveBytes
        peakLiveBytes = request.peakLiveBytes
        sharedBuffers = request.buffers.reduce(into: [:]) { counts, buffer in
            if let kind = buffer.sharing?.kind { counts[kind, default: 0] += 1 }
        }
    }

    /// Peak live bytes over arena bytes: 1.0 is a perfect plan.
    public var efficiency: Double { arenaBytes == 0 ? 1 : Double(peakLiveBytes) / Double(arenaBytes) }
}
