/// add, sub, mul, div and pow: element-wise with NumPy broadcasting, on floating or i64 operands.
enum ElementwiseOps {
    static let add = binary(.add, "a + b.")
    static let sub = binary(.sub, "a − b.")
    static let mul = binary(.mul, "a · b.")
    static let div = binary(.div, "a / b.")

    static let pow = OpSchema(
        .pow, "a raised to the power b; b may have another numeric type. Shapes broadcast as in NumPy; the result has a's dtype.",
        operands: [.required("a"), .required("b")]) { context in
        let a = try context.operand(0, "a")
        let b = try context.operand(1, "b")
        try ShapeRules.require(a, "a", .numeric)
        try ShapeRules.require(b, "b", .numeric)
        return [TensorType(a.dtype, try Broadcasting.shape(a, "a", b, "b"))]
    }

    /// Numeric a and b of one dtype; the result has the broadcast shape.
    private static func binary(_ kind: OpKind, _ summary: String) -> OpSchema {
        OpSchema.broadcasting(kind, summary + " Shapes broadcast as in NumPy (aligned right, 1 stretches).",
                              operands: [.required("a"), .required("b")], accepting: .numeric)
    }
}
