/// A fully connected layer on [N, F]: `gemm` with trans_b, weight `name.weight` [units, F] (the
/// PyTorch layout), bias `name.bias` [units] unless `useBias` is false, then the activation.
public struct Dense: Layer {
    /// The number of outputs.
    public var units: Int
    /// The activation applied after the product.
    public var activation: Activation
    /// Whether the layer has a bias.
    public var useBias: Bool

    /// Creates a dense layer.
    public init(units: Int, activation: Activation = .none, useBias: Bool = true) {
        self.units = units
        self.activation = activation
        self.useBias = useBias
    }

    public var kind: String { "fc" }

    /// Adds the parameters, the `gemm` node called `name` and the activation.
    public func apply(_ x: GraphValue, in b: GraphBuilder, name: String) throws -> GraphValue {
        let features = try channelCount(of: x, name: name, ranks: 2...2)
        guard units > 0 else { throw error("units must be positive, found \(units)", name: name) }
        let weight = try b.parameter(childName(name, "weight"), TensorType(x.dtype, [units, features]))
        let bias = useBias ? try b.parameter(childName(name, "bias"), TensorType(x.dtype, [units])) : nil
        let y = try b.gemm(x, weight, bias, transB: true, name: name)
        return try activation.follow(y, in: b, layerName: name)
    }
}
