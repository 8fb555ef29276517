/// add, sub, mul, div: element-wise with NumPy broadcasting.
enum ElementwiseOps {
    static let add = binary(.add, "a + b.")
    static let sub = binary(.sub, "a − b.")
    static let mul = binary(.mul, "a · b.")
    static let div = binary(.div, "a / b.")

    /// Floating a and b of one dtype; the result has the broadcast shape.
    private static func binary(_ kind: OpKind, _ summary: String) -> OpSchema {
        OpSchema(kind, summary + " Shapes broadcast as in NumPy (aligned right, 1 stretches).",
                 operands: [.required("a"), .required("b")]) { context in
            let a = try context.operand(0, "a")
            let b = try context.operand(1, "b")
            try ShapeRules.requireFloating(a, "a")
            try ShapeRules.requireDType(b, "b", like: a, "a")
            return [TensorType(a.dtype, try Broadcasting.shape(a, "a", b, "b"))]
        }
    }
}
