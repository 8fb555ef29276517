/// equal, less and greater (bool results) and where (selection by a bool condition), all with
/// NumPy broadcasting.
enum ComparisonOps {
    static let equal = comparison(.equal, "a = b, element by element (any dtype; NaN equals nothing).", .any)
    static let less = comparison(.less, "a < b, element by element.", .numeric)
    static let greater = comparison(.greater, "a > b, element by element.", .numeric)

    static let `where` = OpSchema(
        .where, "x where condition is true, y elsewhere; the three shapes broadcast together.",
        operands: [.required("condition"), .required("x"), .required("y")]) { context in
        let condition = try context.operand(0, "condition")
        let x = try context.operand(1, "x")
        let y = try context.operand(2, "y")
        try ShapeRules.requireType(condition, "condition", TensorType(.bool, condition.shape), "a bool tensor")
        try ShapeRules.requireDType(y, "y", like: x, "x")
        return [TensorType(x.dtype, try Broadcasting.shape(of: [condition, x, y], named: ["condition", "x", "y"]))]
    }

    /// a and b of one dtype among `accepted`; a bool result of the broadcast shape.
    private static func comparison(_ kind: OpKind, _ summary: String, _ accepted: ElementTypes) -> OpSchema {
        OpSchema.broadcasting(kind, summary + " Shapes broadcast as in NumPy; the result is bool.",
                              operands: [.required("a"), .required("b")], accepting: accepted) { _ in .bool }
    }
}
