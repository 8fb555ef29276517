/// constant: a small tensor written inline.
enum ConstantOps {
    static let constant = OpSchema(
        .constant, "A tensor literal written inline (any dtype).", operands: [],
        attributes: [AttributeSpec("value", .tensor, default: nil, "the literal: dense<[...]> : type")]) { context in
        let literal = try context.tensor("value")
        guard let count = literal.type.shape.elementCount else {
            throw Diagnostic("value type \(literal.type) must have a static shape that fits in memory")
        }
        guard literal.storage.count == count else {
            throw Diagnostic("value has \(literal.storage.count) elements but its type \(literal.type) needs \(count)")
        }
        if literal.type.dtype == .i64 && literal.integers == nil {
            throw Diagnostic("value of type \(literal.type) must hold integers, found non-integer elements")
        }
        if literal.type.dtype == .bool && literal.booleans == nil {
            throw Diagnostic("value of type \(literal.type) must hold true and false (1 and 0), found other numbers")
        }
        return [literal.type]
    }
}
