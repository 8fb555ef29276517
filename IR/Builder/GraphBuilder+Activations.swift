/// Typed builders for the element-wise activations and the softmaxes.
extension GraphBuilder {
    /// `relu`: max(x, 0).
    public func relu(_ x: GraphValue, name: String? = nil) throws -> GraphValue {
        try apply(.relu, [x], name: name)
    }

    /// `relu6`, written as `clip` with min 0 and max 6.
    public func relu6(_ x: GraphValue, name: String? = nil) throws -> GraphValue {
        try clip(x, min: 0, max: 6, name: name)
    }

    /// `leaky_relu`: x, or alpha·x below zero.
    public func leakyRelu(_ x: GraphValue, alpha: Double = 0.01, name: String? = nil) throws -> GraphValue {
        try apply(.leakyRelu, [x], ["alpha": .float(alpha)], name: name)
    }

    /// `prelu`: x, or slope·x below zero; `slope` broadcasts to x (for example [C,1,1]).
    public func prelu(_ x: GraphValue, slope: GraphValue, name: String? = nil) throws -> GraphValue {
        try apply(.prelu, [x, slope], name: name)
    }

    /// `clip`: x limited to [min, max].
    public func clip(_ x: GraphValue, min: Double = -.infinity, max: Double = .infinity,
                     name: String? = nil) throws -> GraphValue {
        try apply(.clip, [x], ["min": .float(min), "max": .float(max)], name: name)
    }

    /// `sigmoid`: 1 / (1 + e^−x).
    public func sigmoid(_ x: GraphValue, name: String? = nil) throws -> GraphValue {
        try apply(.sigmoid, [x], name: name)
    }

    /// `tanh`.
    public func tanh(_ x: GraphValue, name: String? = nil) throws -> GraphValue {
        try apply(.tanh, [x], name: name)
    }

    /// `hard_sigmoid`: max(0, min(1, alpha·x + beta)).
    public func hardSigmoid(_ x: GraphValue, alpha: Double = 0.2, beta: Double = 0.5,
                            name: String? = nil) throws -> GraphValue {
        try apply(.hardSigmoid, [x], ["alpha": .float(alpha), "beta": .float(beta)], name: name)
    }

    /// `hard_swish`: x · relu6(x + 3) / 6.
    public func hardSwish(_ x: GraphValue, name: String? = nil) throws -> GraphValue {
        try apply(.hardSwish, [x], name: name)
    }

    /// `silu`: x · sigmoid(x).
    public func silu(_ x: GraphValue, name: String? = nil) throws -> GraphValue {
        try apply(.silu, [x], name: name)
    }

    /// `elu`: x, or alpha·(e^x − 1) below zero.
    public func elu(_ x: GraphValue, alpha: Double = 1.0, name: String? = nil) throws -> GraphValue {
        try apply(.elu, [x], ["alpha": .float(alpha)], name: name)
    }

    /// `identity`.
    public func identity(_ x: GraphValue, name: String? = nil) throws -> GraphValue {
        try apply(.identity, [x], name: name)
    }

    /// `softmax` along `axis`.
    public func softmax(_ x: GraphValue, axis: Int = -1, name: String? = nil) throws -> GraphValue {
        try apply(.softmax, [x], ["axis": .int(axis)], name: name)
    }

    /// `log_softmax` along `axis`.
    public func logSoftmax(_ x: GraphValue, axis: Int = -1, name: String? = nil) throws -> GraphValue {
        try apply(.logSoftmax, [x], ["axis": .int(axis)], name: name)
    }
}
