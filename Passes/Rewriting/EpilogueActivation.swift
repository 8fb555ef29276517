import CNNIR

/// An activation node read as the activation a `fused_conv` applies last: its kind and the two
/// parameters `activation_alpha` and `activation_beta`.
///
/// relu, sigmoid, tanh, hard_swish and silu take no parameter; leaky_relu's slope is alpha;
/// clip's bounds are alpha (min) and beta (max), so relu6 is clip 0…6; hard_sigmoid keeps its
/// alpha and beta. Any other op is not an activation a fused_conv can apply.
struct EpilogueActivation: Equatable, Sendable {
    /// The fused activation.
    var kind: FusedActivation
    /// The first parameter (leaky_relu's slope, clip's lower bound, hard_sigmoid's alpha).
    var alpha: Double = 0
    /// The second parameter (clip's upper bound, hard_sigmoid's beta).
    var beta: Double = 0

    /// The activation `node` computes (one operand, one result, attributes that resolve), or
    /// nil when its op has no fused counterpart.
    init?(_ node: Node) {
        guard node.operands.count == 1, node.results.count == 1, let attributes = ResolvedAttributes(node) else { return nil }
        switch node.op {
        case .relu: kind = .relu
        case .sigmoid: kind = .sigmoid
        case .tanh: kind = .tanh
        case .hardSwish: kind = .hardSwish
        case .silu: kind = .silu
        case .leakyRelu:
            guard let slope = attributes.float("alpha") else { return nil }
            (kind, alpha) = (.leakyRelu, slope)
        case .clip:
            guard let lower = attributes.float("min"), let upper = attributes.float("max") else { return nil }
            (kind, alpha, beta) = (.clip, lower, upper)
        case .hardSigmoid:
            guard let slope = attributes.float("alpha"), let offset = attributes.float("beta") else { return nil }
            (kind, alpha, beta) = (.hardSigmoid, slope, offset)
        default:
            return nil
        }
    }

    /// An activation of `kind` with its parameters.
    init(_ kind: FusedActivation, alpha: Double = 0, beta: Double = 0) {
        (self.kind, self.alpha, self.beta) = (kind, alpha, beta)
    }

    /// The fused_conv attributes that name this activation (defaults included; the fusion
    /// normalizes them away).
    var attributes: [String: AttributeValue] {
        ["activation": .string(kind.rawValue), "activation_alpha": .float(alpha), "activation_beta": .float(beta)]
    }
}
