/// Typed builders for the comparisons, where and cast.
extension GraphBuilder {
    /// `equal`: a = b element by element, a bool result.
    public func equal(_ a: GraphValue, _ b: GraphValue, name: String? = nil) throws -> GraphValue {
        try apply(.equal, [a, b], name: name)
    }

    /// `less`: a < b element by element, a bool result.
    public func less(_ a: GraphValue, _ b: GraphValue, name: String? = nil) throws -> GraphValue {
        try apply(.less, [a, b], name: name)
    }

    /// `greater`: a > b element by element, a bool result.
    public func greater(_ a: GraphValue, _ b: GraphValue, name: String? = nil) throws -> GraphValue {
        try apply(.greater, [a, b], name: name)
    }

    /// `where`: x where the bool `condition` holds, y elsewhere, the three broadcast together.
    public func `where`(_ condition: GraphValue, _ x: GraphValue, _ y: GraphValue, name: String? = nil) throws -> GraphValue {
        try apply(.where, [condition, x, y], name: name)
    }

    /// `cast`: x's elements converted to `dtype`.
    public func cast(_ x: GraphValue, to dtype: DType, name: String? = nil) throws -> GraphValue {
        try apply(.cast, [x], ["to": .string(dtype.rawValue)], name: name)
    }
}
