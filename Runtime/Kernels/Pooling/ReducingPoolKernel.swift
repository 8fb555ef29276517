/// A pool kernel whose loops are written once for any `PoolReduction`.
///
/// The kernel type is not generic: `run` picks the node's reduction once and calls `pool` with
/// a concrete reduction, so each reduction gets its own specialized loop (a generic kernel type
/// called through `any Kernel` would run unspecialized code).
protocol ReducingPoolKernel: Kernel {
    /// The node's reduction.
    var reduction: PoolReductionKind { get }
    /// Computes every output with `reduction`.
    func pool<Reduction: PoolReduction>(_ reduction: Reduction, _ buffers: KernelBuffers)
}

extension ReducingPoolKernel {
    /// Pools need no scratch memory.
    var workspaceBytes: Int { 0 }

    /// Runs `pool` with the node's reduction.
    func run(_ buffers: KernelBuffers, context: KernelContext) {
        switch reduction {
        case .maximum: pool(MaximumReduction(), buffers)
        case .average(let countsPadding): pool(AverageReduction(countsPadding: countsPadding), buffers)
        }
    }
}
