/// Typed builders for the element-wise math of one operand and the variadic element-wise ops.
extension GraphBuilder {
    /// `sqrt`: √x.
    public func sqrt(_ x: GraphValue, name: String? = nil) throws -> GraphValue {
        try apply(.sqrt, [x], name: name)
    }

    /// `exp`: e^x.
    public func exp(_ x: GraphValue, name: String? = nil) throws -> GraphValue {
        try apply(.exp, [x], name: name)
    }

    /// `log`: the natural logarithm.
    public func log(_ x: GraphValue, name: String? = nil) throws -> GraphValue {
        try apply(.log, [x], name: name)
    }

    /// `neg`: −x (floating or i64).
    public func neg(_ x: GraphValue, name: String? = nil) throws -> GraphValue {
        try apply(.neg, [x], name: name)
    }

    /// `abs`: |x| (floating or i64).
    public func abs(_ x: GraphValue, name: String? = nil) throws -> GraphValue {
        try apply(.abs, [x], name: name)
    }

    /// `reciprocal`: 1 / x.
    public func reciprocal(_ x: GraphValue, name: String? = nil) throws -> GraphValue {
        try apply(.reciprocal, [x], name: name)
    }

    /// `erf`: the Gauss error function.
    public func erf(_ x: GraphValue, name: String? = nil) throws -> GraphValue {
        try apply(.erf, [x], name: name)
    }

    /// `softplus`: log(1 + e^x).
    public func softplus(_ x: GraphValue, name: String? = nil) throws -> GraphValue {
        try apply(.softplus, [x], name: name)
    }

    /// `gelu`: x·Φ(x), exact or with the tanh approximation.
    public func gelu(_ x: GraphValue, approximate: GeluApproximation = .none, name: String? = nil) throws -> GraphValue {
        try apply(.gelu, [x], ["approximate": .string(approximate.rawValue)], name: name)
    }

    /// `sum` of one or more inputs, broadcast together.
    public func sum(_ inputs: [GraphValue], name: String? = nil) throws -> GraphValue {
        try apply(.sum, inputs, name: name)
    }

    /// `max`: the element-wise maximum of one or more inputs, broadcast together.
    public func max(_ inputs: [GraphValue], name: String? = nil) throws -> GraphValue {
        try apply(.max, inputs, name: name)
    }

    /// `min`: the element-wise minimum of one or more inputs, broadcast together.
    public func min(_ inputs: [GraphValue], name: String? = nil) throws -> GraphValue {
        try apply(.min, inputs, name: name)
    }

    /// `mean` of one or more inputs, broadcast together.
    public func mean(_ inputs: [GraphValue], name: String? = nil) throws -> GraphValue {
        try apply(.mean, inputs, name: name)
    }
}
