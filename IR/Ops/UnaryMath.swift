/// Element-wise math of one operand (x's type): sqrt, exp, log, reciprocal, erf, softplus and
/// gelu on floating x; neg and abs on floating or i64 x.
enum UnaryMathOps {
    static let sqrt = OpSchema.elementwiseUnary(.sqrt, "√x (NaN below zero).")
    static let exp = OpSchema.elementwiseUnary(.exp, "e^x.")
    static let log = OpSchema.elementwiseUnary(.log, "Natural logarithm (−inf at 0, NaN below zero).")
    static let reciprocal = OpSchema.elementwiseUnary(.reciprocal, "1 / x.")
    static let erf = OpSchema.elementwiseUnary(.erf, "The Gauss error function.")
    static let softplus = OpSchema.elementwiseUnary(.softplus, "log(1 + e^x), computed without overflow.")
    static let neg = OpSchema.elementwiseUnary(.neg, "−x (on i64, −x of the most negative value is itself, as in NumPy).",
                                               accepting: .numeric)
    static let abs = OpSchema.elementwiseUnary(.abs, "|x| (on i64, |x| of the most negative value is itself, as in NumPy).",
                                               accepting: .numeric)

    static let gelu = OpSchema.elementwiseUnary(
        .gelu, "x·Φ(x), Φ the standard normal distribution function (Gaussian error linear unit).",
        [AttributeSpec("approximate", .string, default: .string("none"),
                       "none (exact, with erf) or tanh (0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))))")]) { context in
        _ = try context.choice("approximate", as: GeluApproximation.self)
    }
}
