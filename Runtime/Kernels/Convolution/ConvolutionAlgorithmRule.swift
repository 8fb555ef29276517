import CNNIR

/// The runtime's rule for the kernel of a conv whose `algorithm` is `auto`. The select-kernels
/// pass chooses with measured speeds and writes its choice into the `algorithm` attribute; this
/// rule covers graphs that were not compiled.
enum ConvolutionAlgorithmRule {
    /// The algorithm for a conv of `geometry`.
    static func choose(for geometry: ConvolutionGeometry) -> ConvolutionAlgorithm {
        if geometry.isDepthwise2D { return .depthwise }
        if geometry.isPointwise { return .gemm1x1 }
        return .im2col
    }
}
