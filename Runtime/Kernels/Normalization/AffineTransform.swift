/// y = x·scale + shift with one fused multiply-add per lane: batch_norm and instance_norm
/// once their per-channel coefficients are known.
struct AffineTransform: VectorTransform {
    /// The factor.
    let scale: Float
    /// The term added after scaling.
    let shift: Float
    @inline(__always) func callAsFunction(_ x: FloatVector) -> FloatVector {
        FloatVector(repeating: shift).addingProduct(x, FloatVector(repeating: scale))
    }
}

/// The per-channel affine form of normalization with known statistics: for each channel,
/// `a = scale / sqrt(variance + epsilon)` and `b = bias − mean·a` (computed in `Double`), so that
/// `scale·(x − mean)/sqrt(variance + epsilon) + bias = x·a + b`.
enum ChannelAffine {
    /// Writes `a` for every channel to `coefficients[0..<channels]` and `b` to
    /// `coefficients[channels..<2·channels]`.
    static func compute(scale: UnsafePointer<Float>, bias: UnsafePointer<Float>, mean: UnsafePointer<Float>,
                        variance: UnsafePointer<Float>, epsilon: Double, channels: Int,
                        into coefficients: UnsafeMutablePointer<Float>) {
        for channel in 0..<channels {
            let factor = Double(scale[channel]) / (Double(variance[channel]) + epsilon).squareRoot()
            coefficients[channel] = Float(factor)
            coefficients[channels + channel] = Float(Double(bias[channel]) - Double(mean[channel]) * factor)
        }
    }
}
