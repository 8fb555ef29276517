/// A per-channel affine map `y_c = scale_c · x_c + shift_c`: what an inference batch_norm
/// computes, `scale = γ/√(σ²+ε)` and `shift = β − μ·scale`.
public struct ChannelAffine: Equatable, Sendable {
    /// The factor of each channel.
    public var scale: [Double]
    /// The offset of each channel.
    public var shift: [Double]

    /// The map of a batch_norm with these parameters (computed in `Double`), or nil when the
    /// four lists differ in length or a factor or offset is not finite (a variance + ε ≤ 0).
    public init?(scale gamma: [Double], bias beta: [Double], mean: [Double], variance: [Double], epsilon: Double) {
        let count = gamma.count
        guard beta.count == count, mean.count == count, variance.count == count else { return nil }
        var scale: [Double] = []
        var shift: [Double] = []
        for channel in 0..<count {
            let factor = gamma[channel] / (variance[channel] + epsilon).squareRoot()
            let offset = beta[channel] - mean[channel] * factor
            guard factor.isFinite, offset.isFinite else { return nil }
            scale.append(factor)
            shift.append(offset)
        }
        self.scale = scale
        self.shift = shift
    }

    /// The number of channels.
    public var channelCount: Int { scale.count }
}
