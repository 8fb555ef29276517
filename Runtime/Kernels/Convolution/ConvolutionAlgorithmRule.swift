import CNNIR

/// The runtime's rule for the kernel of a conv whose `algorithm` is `auto`. The select-kernels
/// pass chooses with a cost model and writes its choice into the `algorithm` attribute; this
/// rule covers graphs that were not compiled. It follows the kernels' measured speeds
/// (docs/PERFORMANCE.md): Winograd needs its filters transformed once, so only constant weights
/// take it; F(4x4) wins from 14x14 outputs up, F(2x2) below; with 4 input channels or fewer the
/// transforms cost more than they save.
enum ConvolutionAlgorithmRule {
    /// The least output height and width for which F(4x4, 3x3) beats F(2x2, 3x3).
    static let largeTileMinimumSize = 14
    /// The most input channels for which im2col beats Winograd.
    static let winogradMaximumIgnoredChannels = 4

    /// The algorithm for a conv of `geometry`.
    static func choose(for geometry: ConvolutionGeometry, weightsAreConstant: Bool) -> ConvolutionAlgorithm {
        if geometry.isDepthwise2D { return .depthwise }
        if geometry.isPointwise { return .gemm1x1 }
        if geometry.shape.isWinogradShaped && weightsAreConstant
            && geometry.inputChannels > winogradMaximumIgnoredChannels {
            let smallest = min(geometry.outputSize[1], geometry.outputSize[2])
            return smallest >= largeTileMinimumSize ? .winograd4x4 : .winograd2x2
        }
        return .im2col
    }
}
