/// The two shared rules of the element-wise ops: one operand keeping its type, and operands of
/// one element type broadcast together.
extension OpSchema {
    /// An op of one operand x whose result has x's type. x's element type must be one of
    /// `accepted`; `check` validates the attributes.
    static func elementwiseUnary(_ kind: OpKind, _ summary: String, accepting accepted: ElementTypes = .floating,
                                 _ attributes: [AttributeSpec] = [],
                                 check: @escaping @Sendable (InferenceContext) throws -> Void = { _ in }) -> OpSchema {
        OpSchema(kind, summary, operands: [.required("x")], attributes: attributes) { context in
            let x = try context.operand(0, "x")
            try ShapeRules.require(x, "x", accepted)
            try check(context)
            return [x]
        }
    }

    /// An op whose operands share one element type among `accepted` and broadcast together as in
    /// NumPy; the result has the broadcast shape and the element type `result(dtype)` (the
    /// operands' own type by default). `operands` are the schema's operand specs; messages name a
    /// variadic operand's values `input 0`, `input 1`, ….
    static func broadcasting(_ kind: OpKind, _ summary: String, operands: [OperandSpec], accepting accepted: ElementTypes,
                             result: @escaping @Sendable (DType) -> DType = { $0 }) -> OpSchema {
        OpSchema(kind, summary, operands: operands) { context in
            let names = context.operands.indices.map { index in
                index < operands.count && !operands[index].isVariadic ? operands[index].name : "input \(index)"
            }
            let first = try context.operand(0, names.first ?? "input 0")
            try ShapeRules.require(first, names[0], accepted)
            for (index, operand) in context.operands.enumerated().dropFirst() {
                try ShapeRules.requireDType(operand, names[index], like: first, names[0])
            }
            return [TensorType(result(first.dtype), try Broadcasting.shape(of: context.operands, named: names))]
        }
    }
}
