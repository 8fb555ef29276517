/// gemm (dense layers) and matmul (NumPy matrix product).
enum LinearAlgebraOps {
    static let gemm = OpSchema(
        .gemm, "alpha·A·B + beta·C with A, B optionally transposed; A and B are matrices, C broadcasts to [M, N].",
        operands: [.required("a"), .required("b"), .optional("c")],
        attributes: [AttributeSpec("alpha", .float, default: .float(1.0), "scale of A·B"),
                     AttributeSpec("beta", .float, default: .float(1.0), "scale of C"),
                     AttributeSpec("trans_a", .bool, default: .bool(false), "use Aᵀ (A is [K, M])"),
                     AttributeSpec("trans_b", .bool, default: .bool(false), "use Bᵀ (B is [N, K])")]) { context in
        let (a, b) = try floatingPair(context)
        try ShapeRules.requireRank(a, "a", 2...2, "a matrix")
        try ShapeRules.requireRank(b, "b", 2...2, "a matrix")
        let (transA, transB) = (try context.bool("trans_a"), try context.bool("trans_b"))
        let (rows, innerA) = transA ? (a.shape[1], a.shape[0]) : (a.shape[0], a.shape[1])
        let (innerB, columns) = transB ? (b.shape[1], b.shape[0]) : (b.shape[0], b.shape[1])
        try ShapeRules.requireEqual(innerA, innerB, "inner dimensions differ: a \(a) gives K = \(innerA) (trans_a = \(transA)), b \(b) gives K = \(innerB) (trans_b = \(transB))")
        let result = TensorType(a.dtype, Shape([rows, columns]))
        if let c = context.optionalOperand(2) {
            try ShapeRules.requireDType(c, "c", like: a, "a")
            try Broadcasting.requireUnidirectional(c, "c", to: result.shape, "the product")
        }
        return [result]
    }

    static let matmul = OpSchema(
        .matmul, "Matrix product as NumPy matmul: 1-D operands are promoted, batch axes broadcast.",
        operands: [.required("a"), .required("b")]) { context in
        let (a, b) = try floatingPair(context)
        try ShapeRules.requireRank(a, "a", 1...Int.max, "a vector or a (batch of) matrices")
        try ShapeRules.requireRank(b, "b", 1...Int.max, "a vector or a (batch of) matrices")
        let left = a.rank == 1 ? Shape([.fixed(1), a.shape[0]]) : a.shape
        let right = b.rank == 1 ? Shape([b.shape[0], .fixed(1)]) : b.shape
        let inner = (left[left.rank - 1], right[right.rank - 2])
        try ShapeRules.requireEqual(inner.0, inner.1, "inner dimensions differ: a \(a) has \(inner.0) columns, b \(b) has \(inner.1) rows")
        let batch = try Broadcasting.shape(TensorType(a.dtype, Shape(Array(left.dimensions.dropLast(2)))), "a's batch axes",
                                           TensorType(b.dtype, Shape(Array(right.dimensions.dropLast(2)))), "b's batch axes")
        let rows = a.rank == 1 ? [] : [left[left.rank - 2]]
        let columns = b.rank == 1 ? [] : [right[right.rank - 1]]
        return [TensorType(a.dtype, Shape(batch.dimensions + rows + columns))]
    }

    /// Operands a and b: floating, of one dtype.
    private static func floatingPair(_ context: InferenceContext) throws -> (TensorType, TensorType) {
        let a = try context.operand(0, "a")
        let b = try context.operand(1, "b")
        try ShapeRules.requireFloating(a, "a")
        try ShapeRules.requireDType(b, "b", like: a, "a")
        return (a, b)
    }
}
