/// An element-wise activation: a layer on its own (`Activation.relu`) and the `activation:`
/// argument of `Conv2D`, `Dense` and friends. `none` adds no node.
public enum Activation: Layer, Equatable {
    case none
    case relu
    /// min(max(x, 0), 6), written as `clip`.
    case relu6
    case leakyRelu(alpha: Double = 0.01)
    case elu(alpha: Double = 1.0)
    case sigmoid
    case tanh
    case hardSigmoid
    case hardSwish
    case silu
    /// Softmax over the last axis.
    case softmax

    /// The op-style name, also the suffix of the node an activation argument adds (`conv1.relu`).
    public var kind: String {
        switch self {
        case .none: return "none"
        case .relu: return "relu"
        case .relu6: return "relu6"
        case .leakyRelu: return "leaky_relu"
        case .elu: return "elu"
        case .sigmoid: return "sigmoid"
        case .tanh: return "tanh"
        case .hardSigmoid: return "hard_sigmoid"
        case .hardSwish: return "hard_swish"
        case .silu: return "silu"
        case .softmax: return "softmax"
        }
    }

    /// Adds the activation node called `name` (nothing for `none`).
    public func apply(_ x: GraphValue, in b: GraphBuilder, name: String) throws -> GraphValue {
        switch self {
        case .none: return x
        case .relu: return try b.relu(x, name: name)
        case .relu6: return try b.relu6(x, name: name)
        case .leakyRelu(let alpha): return try b.leakyRelu(x, alpha: alpha, name: name)
        case .elu(let alpha): return try b.elu(x, alpha: alpha, name: name)
        case .sigmoid: return try b.sigmoid(x, name: name)
        case .tanh: return try b.tanh(x, name: name)
        case .hardSigmoid: return try b.hardSigmoid(x, name: name)
        case .hardSwish: return try b.hardSwish(x, name: name)
        case .silu: return try b.silu(x, name: name)
        case .softmax: return try b.softmax(x, name: name)
        }
    }

    /// Applies the activation that follows the layer `layerName`, as its node `layerName.kind`.
    func follow(_ x: GraphValue, in b: GraphBuilder, layerName: String) throws -> GraphValue {
        try apply(x, in: b, name: childName(layerName, kind))
    }
}
