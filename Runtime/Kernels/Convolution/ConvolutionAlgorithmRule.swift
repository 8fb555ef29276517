import CNNIR

/// The runtime's rule for the kernel of a conv whose `algorithm` is `auto`, and the conditions
/// each algorithm needs. The select-kernels pass starts from the same rule and may refine it
/// with measured speeds.
enum ConvolutionAlgorithmRule {
    /// The algorithm for a conv of `geometry`, and why.
    static func choose(for geometry: ConvolutionGeometry) -> (algorithm: ConvolutionAlgorithm, reason: String) {
        if geometry.isDepthwise2D { return (.depthwise, "groups = C_in = C_out") }
        if geometry.isPointwise { return (.gemm1x1, "1x1, stride 1, no padding: the input is the column matrix") }
        return (.im2col, "the general case")
    }

    /// Why `algorithm` cannot run a conv of `geometry`, or `nil` when it can.
    static func problem(running algorithm: ConvolutionAlgorithm, on geometry: ConvolutionGeometry) -> String? {
        switch algorithm {
        case .auto, .direct, .im2col: return nil
        case .gemm1x1:
            return geometry.isPointwise ? nil : "it needs kernel 1, stride 1 and no padding on every axis"
        case .depthwise:
            return geometry.isDepthwise2D ? nil : "it needs a 2-D conv with groups = C_in = C_out"
        case .winograd2x2, .winograd4x4:
            return geometry.isWinogradShaped ? nil
                : "it needs a 2-D conv with a 3x3 kernel, stride 1, dilation 1 and groups 1"
        }
    }
}
