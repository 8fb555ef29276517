/// sum, max, min and mean: element-wise over any number of operands of one dtype, all broadcast
/// together as in NumPy.
enum VariadicOps {
    static let sum = variadic(.sum, "Element-wise sum of the inputs.", .floating)
    static let max = variadic(.max, "Element-wise maximum of the inputs (NaN propagates).", .numeric)
    static let min = variadic(.min, "Element-wise minimum of the inputs (NaN propagates).", .numeric)
    static let mean = variadic(.mean, "Element-wise mean of the inputs.", .floating)

    /// One or more inputs of one dtype among `accepted`, broadcast together.
    private static func variadic(_ kind: OpKind, _ summary: String, _ accepted: ElementTypes) -> OpSchema {
        OpSchema.broadcasting(kind, summary + " Shapes broadcast as in NumPy.", operands: [.variadic("inputs")],
                              accepting: accepted)
    }
}
