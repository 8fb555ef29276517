/// The element-wise activations `activation_grad` differentiates (its `activation` attribute):
/// every `FusedActivation`, plus elu, softplus and gelu. The raw value is the text form.
///
/// `alpha` and `beta` of activation_grad carry the forward op's parameters: leaky_relu's and
/// elu's `alpha`, clip's `min` and `max`, hard_sigmoid's `alpha` and `beta` (the same pairing as
/// fused_conv's `activation_alpha` and `activation_beta`).
public enum DifferentiableActivation: String, CaseIterable, Sendable {
    /// The identity: dx = dy.
    case none
    /// max(x, 0); the gradient is dy where x > 0 (relu′(0) = 0).
    case relu
    /// x where x ≥ 0, alpha·x elsewhere; the gradient is dy where x > 0, alpha·dy elsewhere.
    case leakyRelu = "leaky_relu"
    /// min(max(x, alpha), beta); the gradient is dy strictly inside (alpha, beta), 0 elsewhere.
    case clip
    /// s = 1 / (1 + e^−x); the gradient is dy·s·(1 − s).
    case sigmoid
    /// tanh(x); the gradient is dy·(1 − tanh²x).
    case tanh
    /// max(0, min(1, alpha·x + beta)); the gradient is alpha·dy strictly inside (0, 1).
    case hardSigmoid = "hard_sigmoid"
    /// x·max(0, min(1, x/6 + 1/2)); the gradient is dy·(x/3 + 1/2) strictly inside (−3, 3),
    /// dy from 3 on, 0 up to −3.
    case hardSwish = "hard_swish"
    /// x·s with s the sigmoid; the gradient is dy·s·(1 + x·(1 − s)).
    case silu
    /// x where x ≥ 0, alpha·(e^x − 1) elsewhere; the gradient is dy where x ≥ 0, alpha·e^x·dy elsewhere.
    case elu
    /// log(1 + e^x); the gradient is dy·sigmoid(x).
    case softplus
    /// The exact gelu x·Φ(x); the gradient is dy·(Φ(x) + x·φ(x)), φ the standard normal density.
    case gelu

    /// The same activation as a fused_conv's.
    public init(_ fused: FusedActivation) {
        switch fused {
        case .none: self = .none
        case .relu: self = .relu
        case .leakyRelu: self = .leakyRelu
        case .clip: self = .clip
        case .sigmoid: self = .sigmoid
        case .tanh: self = .tanh
        case .hardSigmoid: self = .hardSigmoid
        case .hardSwish: self = .hardSwish
        case .silu: self = .silu
        }
    }

    /// The attributes of the `activation_grad` node that differentiates a node of the activation
    /// op `op` whose attributes (with defaults filled in, as `OpSchema.resolve` gives them) are
    /// `attributes`: `activation`, and `alpha` and `beta` where the activation has them. `nil`
    /// when `op` is not one of these activations, or is a gelu with `approximate = "tanh"`.
    public static func gradientAttributes(of op: OpKind, _ attributes: [String: AttributeValue]) -> Attributes? {
        let activation: DifferentiableActivation
        var parameters: (alpha: String?, beta: String?) = (nil, nil)
        switch op {
        case .relu: activation = .relu
        case .leakyRelu: (activation, parameters) = (.leakyRelu, ("alpha", nil))
        case .clip: (activation, parameters) = (.clip, ("min", "max"))
        case .sigmoid: activation = .sigmoid
        case .tanh: activation = .tanh
        case .hardSigmoid: (activation, parameters) = (.hardSigmoid, ("alpha", "beta"))
        case .hardSwish: activation = .hardSwish
        case .silu: activation = .silu
        case .elu: (activation, parameters) = (.elu, ("alpha", nil))
        case .softplus: activation = .softplus
        case .gelu:
            guard attributes["approximate"] == nil || attributes["approximate"] == .string(GeluApproximation.none.rawValue) else { return nil }
            activation = .gelu
        default: return nil
        }
        var result: Attributes = ["activation": .string(activation.rawValue)]
        if let name = parameters.alpha, let value = attributes[name] { result["alpha"] = value }
        if let name = parameters.beta, let value = attributes[name] { result["beta"] = value }
        return result
    }
}
