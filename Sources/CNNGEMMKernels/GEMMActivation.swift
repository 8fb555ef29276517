/// The element-wise activation a packed GEMM applies to each finished element of C, after the
/// bias and the residual have been added.
public enum GEMMActivation: Sendable, Equatable {
    /// The identity.
    case none
    /// `max(x, 0)`.
    case relu
    /// `min(max(x, lower), upper)`; `relu6` is `clip(lower: 0, upper: 6)`.
    case clip(lower: Float, upper: Float)
    /// `x` where `x ≥ 0`, `slope·x` elsewhere.
    case leakyRelu(slope: Float)

    /// ReLU6, the activation of MobileNets.
    public static let relu6 = GEMMActivation.clip(lower: 0, upper: 6)
}
