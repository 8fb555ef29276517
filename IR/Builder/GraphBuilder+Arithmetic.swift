/// Typed builders for the linear-algebra and broadcasting element-wise ops.
extension GraphBuilder {
    /// `gemm`: alpha·op(a)·op(b) + beta·c, with op transposing when asked; a and b have rank 2.
    public func gemm(_ a: GraphValue, _ b: GraphValue, _ c: GraphValue? = nil, alpha: Double = 1.0,
                     beta: Double = 1.0, transA: Bool = false, transB: Bool = false,
                     name: String? = nil) throws -> GraphValue {
        try apply(.gemm, [a, b] + [c].compactMap { $0 },
                  ["alpha": .float(alpha), "beta": .float(beta), "trans_a": .bool(transA), "trans_b": .bool(transB)],
                  name: name)
    }

    /// `matmul` with NumPy semantics (1-D promotion, batch broadcasting).
    public func matmul(_ a: GraphValue, _ b: GraphValue, name: String? = nil) throws -> GraphValue {
        try apply(.matmul, [a, b], name: name)
    }

    /// `add` with NumPy broadcasting.
    public func add(_ a: GraphValue, _ b: GraphValue, name: String? = nil) throws -> GraphValue {
        try apply(.add, [a, b], name: name)
    }

    /// `sub` with NumPy broadcasting.
    public func sub(_ a: GraphValue, _ b: GraphValue, name: String? = nil) throws -> GraphValue {
        try apply(.sub, [a, b], name: name)
    }

    /// `mul` with NumPy broadcasting.
    public func mul(_ a: GraphValue, _ b: GraphValue, name: String? = nil) throws -> GraphValue {
        try apply(.mul, [a, b], name: name)
    }

    /// `div` with NumPy broadcasting.
    public func div(_ a: GraphValue, _ b: GraphValue, name: String? = nil) throws -> GraphValue {
        try apply(.div, [a, b], name: name)
    }
}

/// Typed builder for pow.
extension GraphBuilder {
    /// `pow`: a raised to the power b with NumPy broadcasting; the result has a's dtype.
    public func pow(_ a: GraphValue, _ b: GraphValue, name: String? = nil) throws -> GraphValue {
        try apply(.pow, [a, b], name: name)
    }
}
