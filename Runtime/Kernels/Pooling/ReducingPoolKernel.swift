import CNNGEMM

/// A pool kernel whose loops are written once for any `PoolReduction`.
///
/// The kernel type is not generic: `run` picks the node's reduction once and calls `pool` with
/// a concrete reduction, so each reduction gets its own specialized loop (a generic kernel type
/// called through `any Kernel` would run unspecialized code).
///
/// Threads: the `[n, c]` planes are split into contiguous ranges, one per thread, when there is
/// enough work to pay for starting them (`minimumElementsPerThread` input elements each).
protocol ReducingPoolKernel: Kernel {
    /// The node's reduction.
    var reduction: PoolReductionKind { get }
    /// The number of `[n, c]` planes.
    var planes: Int { get }
    /// The input elements read for one plane (the split's measure of work).
    var elementsPerPlane: Int { get }
    /// Computes the outputs of `planes` with `reduction`.
    func pool<Reduction: PoolReduction>(_ reduction: Reduction, _ buffers: KernelBuffers, planes: Range<Int>)
}

extension ReducingPoolKernel {
    /// Pools need no scratch memory.
    var workspaceBytes: Int { 0 }

    /// The least input elements worth a thread of their own (a few microseconds of work).
    static var minimumElementsPerThread: Int { 1 << 15 }

    /// Runs `pool` with the node's reduction, on a share of the planes per thread.
    func run(_ buffers: KernelBuffers, context: KernelContext) {
        let byWork = max(1, planes * elementsPerPlane / Self.minimumElementsPerThread)
        let parts = max(1, min(context.threadCount, planes, byWork))
        WorkerPool.shared.run(parts: parts) { part in
            let share = equalShare(part, of: parts, planes)
            switch reduction {
            case .maximum: pool(MaximumReduction(), buffers, planes: share)
            case .average(let countsPadding): pool(AverageReduction(countsPadding: countsPadding), buffers, planes: share)
            }
        }
    }
}
