import CNNIR

/// Estimates how long each conv algorithm takes on a workload, so that select-kernels can pick
/// the fastest. `RateCostModel` estimates from measured speeds; `cnnc compile --tune` supplies
/// a model that times the kernels on the machine.
public protocol ConvolutionCostModel: Sendable {
    /// A short name for the reasons select-kernels writes (`rates`, `tuned`).
    var name: String { get }
    /// The estimated seconds of `algorithm` on `workload` (which the algorithm can run), or
    /// `nil` when the model has no estimate.
    func estimatedSeconds(_ algorithm: ConvolutionAlgorithm, on workload: ConvolutionWorkload) -> Double?
}
