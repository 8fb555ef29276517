/// Batch normalization over the channel axis of [N, C, ...], with parameters `name.scale`,
/// `name.bias`, `name.mean` and `name.var`, each [C].
public struct BatchNorm: Layer {
    /// Added to the variance before the square root.
    public var epsilon: Double
    /// The running-statistics momentum used in training.
    public var momentum: Double

    /// Creates a batch normalization layer.
    public init(epsilon: Double = 1e-5, momentum: Double = 0.9) {
        self.epsilon = epsilon
        self.momentum = momentum
    }

    public var kind: String { "bn" }

    /// Adds the four parameters and the `batch_norm` node called `name`.
    public func apply(_ x: GraphValue, in b: GraphBuilder, name: String) throws -> GraphValue {
        let channels = try channelCount(of: x, name: name, ranks: 2...Int.max)
        let type = TensorType(x.dtype, [channels])
        return try b.batchNorm(x, scale: b.parameter(childName(name, "scale"), type),
                               bias: b.parameter(childName(name, "bias"), type),
                               mean: b.parameter(childName(name, "mean"), type),
                               variance: b.parameter(childName(name, "var"), type),
                               epsilon: epsilon, momentum: momentum, name: name)
    }
}
