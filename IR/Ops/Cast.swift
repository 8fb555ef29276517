/// cast: x's elements converted to another element type.
enum CastOps {
    static let cast = OpSchema(
        .cast, "x converted to the element type to: floats become i64 by truncation toward zero (NaN gives 0, values beyond the i64 range its nearest end); nonzero and NaN become true; true becomes 1.",
        operands: [.required("x")],
        attributes: [AttributeSpec("to", .string, default: nil, "the element type of the result: f32, f64, i64 or bool")]) { context in
        let x = try context.operand(0, "x")
        return [TensorType(try context.choice("to", as: DType.self), x.shape)]
    }
}
