/// Typed builders for the normalization ops.
extension GraphBuilder {
    /// `batch_norm` (inference form): `scale`, `bias`, `mean` and `variance` are [C].
    public func batchNorm(_ x: GraphValue, scale: GraphValue, bias: GraphValue, mean: GraphValue,
                          variance: GraphValue, epsilon: Double = 1e-5, momentum: Double = 0.9,
                          name: String? = nil) throws -> GraphValue {
        try apply(.batchNorm, [x, scale, bias, mean, variance],
                  ["epsilon": .float(epsilon), "momentum": .float(momentum)], name: name)
    }

    /// `instance_norm`: `scale` and `bias` are [C].
    public func instanceNorm(_ x: GraphValue, scale: GraphValue, bias: GraphValue, epsilon: Double = 1e-5,
                             name: String? = nil) throws -> GraphValue {
        try apply(.instanceNorm, [x, scale, bias], ["epsilon": .float(epsilon)], name: name)
    }

    /// `lrn`: local response normalization across `size` neighbouring channels.
    public func lrn(_ x: GraphValue, size: Int, alpha: Double = 1e-4, beta: Double = 0.75, bias: Double = 1.0,
                    name: String? = nil) throws -> GraphValue {
        try apply(.lrn, [x],
                  ["size": .int(size), "alpha": .float(alpha), "beta": .float(beta), "bias": .float(bias)],
                  name: name)
    }

    /// `dropout`: identity at inference; drops a `ratio` of the values in training.
    public func dropout(_ x: GraphValue, ratio: Double = 0.5, seed: Int = 0, name: String? = nil) throws -> GraphValue {
        try apply(.dropout, [x], ["ratio": .float(ratio), "seed": .int(seed)], name: name)
    }
}
