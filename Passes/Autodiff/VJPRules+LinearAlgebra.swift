import CNNIR

/// Gradients of gemm and matmul: products with the other operand, transposed.
extension VJPRules {
    /// The rule of gemm or matmul.
    static func linearAlgebraRule(for op: OpKind) -> VJPRule? {
        switch op {
        case .gemm: return gemm
        case .matmul: return matrixProduct
        default: return nil
        }
    }

    /// Y = α·op(A)·op(B) + β·C:
    /// dA = α·dY·op(B)ᵀ (transposed back when A is), dB = α·op(A)ᵀ·dY (likewise), dC = β·dY
    /// summed over C's broadcast axes.
    private static func gemm(_ c: VJPContext) throws -> [GraphValue?] {
        let e = c.emitter, dy = try c.outputGradient, a = c.operands[0], b = c.operands[1]
        let alpha = try c.float("alpha"), beta = try c.float("beta")
        let transposedA = try c.bool("trans_a"), transposedB = try c.bool("trans_b")
        func product(_ left: GraphValue, _ right: GraphValue, _ transposeLeft: Bool, _ transposeRight: Bool, role: String) throws -> GraphValue {
            try e.apply(.gemm, [left, right], ["alpha": .float(alpha), "trans_a": .bool(transposeLeft), "trans_b": .bool(transposeRight)], role: role)
        }
        return try perOperand(c) { index in
            switch index {
            case 0:
                return transposedA ? try product(b, dy, transposedB, true, role: "a") : try product(dy, b, false, !transposedB, role: "a")
            case 1:
                return transposedB ? try product(dy, a, true, transposedA, role: "b") : try product(a, dy, !transposedA, false, role: "b")
            default:
                let scaled = beta == 1 ? dy : try e.apply(.mul, [dy, e.scalar(beta, dy.dtype)], role: "scaled")
                return try e.reduce(scaled, toShapeOf: c.operands[2])
            }
        }
    }

    /// Y = A·B over the last two axes, batch axes broadcast: dA = dY·Bᵀ, dB = Aᵀ·dY, each summed
    /// over the batch axes its operand was broadcast along.
    private static func matrixProduct(_ c: VJPContext) throws -> [GraphValue?] {
        let e = c.emitter, dy = try c.outputGradient, a = c.operands[0], b = c.operands[1]
        guard a.shape.rank >= 2, b.shape.rank >= 2 else {
            throw Diagnostic("the gradient of matmul needs operands of rank ≥ 2, found \(a.type) and \(b.type)")
        }
        func swappedLastAxes(_ value: GraphValue) throws -> GraphValue {
            let rank = value.shape.rank
            let perm = Array(0..<(rank - 2)) + [rank - 1, rank - 2]
            return try e.apply(.transpose, [value], ["perm": .ints(perm)], role: "transposed")
        }
        return try perOperand(c) { index in
            if index == 0 { return try e.reduce(e.apply(.matmul, [dy, swappedLastAxes(b)], role: "a"), toShapeOf: a) }
            return try e.reduce(e.apply(.matmul, [swappedLastAxes(a), dy], role: "b"), toShapeOf: b)
        }
    }
}
