/// Element-wise activations (one rule: x's type, floating; identity takes any dtype) and the
/// softmax family.
enum ActivationOps {
    static let relu = unary(.relu, "max(x, 0).")
    static let sigmoid = unary(.sigmoid, "1 / (1 + e^−x).")
    static let tanh = unary(.tanh, "Hyperbolic tangent.")
    static let silu = unary(.silu, "x·sigmoid(x) (swish).")
    static let hardSwish = unary(.hardSwish, "x·max(0, min(1, x/6 + 1/2)).")
    static let identity = OpSchema.elementwiseUnary(.identity, "x unchanged (any dtype).", accepting: .any)
    static let leakyRelu = unary(.leakyRelu, "x for x ≥ 0, alpha·x otherwise.",
                                 [AttributeSpec("alpha", .float, default: .float(0.01), "slope for negative x")])
    static let elu = unary(.elu, "x for x > 0, alpha·(e^x − 1) otherwise.",
                           [AttributeSpec("alpha", .float, default: .float(1.0), "scale of the negative part")])
    static let hardSigmoid = unary(.hardSigmoid, "max(0, min(1, alpha·x + beta)).",
                                   [AttributeSpec("alpha", .float, default: .float(0.2), "slope"),
                                    AttributeSpec("beta", .float, default: .float(0.5), "offset")])

    static let clip = unary(.clip, "min(max(x, min), max); relu6 is clip {min = 0, max = 6}.",
                            [AttributeSpec("min", .float, default: .float(-.infinity), "lower bound"),
                             AttributeSpec("max", .float, default: .float(.infinity), "upper bound")]) { context in
        let (lower, upper) = (try context.float("min"), try context.float("max"))
        guard !lower.isNaN, !upper.isNaN, lower <= upper else {
            throw Diagnostic("min (\(lower)) must not exceed max (\(upper))")
        }
    }

    /// dropout: x at inference (one result). With `training` it has two results, y = x·mask/(1 − ratio)
    /// and the mask (x's type, 0 or 1), and the mask is a pure function of seed, step and the
    /// element's row-major index i (`DropoutMask`): with SplitMix64's finalizer `mix` and its
    /// increment γ = 0x9E3779B97F4A7C15, key = mix((mix(seed + γ) xor step) + γ), h = mix(key + (i + 1)·γ)
    /// (wrapping), and the element is kept when (h >> 40) / 2^24 ≥ ratio. The optional `step`
    /// (an i64 scalar, 0 when absent) makes each training step draw a new mask.
    static let dropout = OpSchema(
        .dropout, "Zeroes a fraction `ratio` of x in training (scaling the rest by 1/(1−ratio)); identity at inference.",
        operands: [.required("x"), .optional("step")],
        attributes: [AttributeSpec("ratio", .float, default: .float(0.5), "probability of dropping an element, in [0, 1)"),
                     AttributeSpec("seed", .int, default: .int(0), "seed of the training mask"),
                     AttributeSpec("training", .bool, default: .bool(false),
                                   "draw a mask: two results, y and the mask; otherwise one result, x itself")]) { context in
        let x = try context.operand(0, "x")
        try ShapeRules.requireFloating(x, "x")
        let ratio = try context.float("ratio")
        guard ratio >= 0 && ratio < 1 else { throw Diagnostic("ratio must be in [0, 1), found \(ratio)") }
        if let step = context.optionalOperand(1) {
            try ShapeRules.requireType(step, "step", TensorType(.i64, Shape([Dimension]())), "the training step, an i64 scalar")
        }
        return try context.bool("training") ? [x, x] : [x]
    }

    static let softmax = normalizedExponential(.softmax, "e^x / Σ e^x along one axis.")
    static let logSoftmax = normalizedExponential(.logSoftmax, "x − log Σ e^x along one axis.")

    static let prelu = OpSchema(
        .prelu, "x for x ≥ 0, slope·x otherwise; slope broadcasts to x (e.g. [C,1,1] or [1]).",
        operands: [.required("x"), .required("slope")]) { context in
        let x = try context.operand(0, "x")
        let slope = try context.operand(1, "slope")
        try ShapeRules.requireFloating(x, "x")
        try ShapeRules.requireDType(slope, "slope", like: x, "x")
        try Broadcasting.requireUnidirectional(slope, "slope", to: x.shape, "x")
        return [x]
    }

    /// An op of one floating operand x whose result has x's type; `check` validates attributes.
    private static func unary(_ kind: OpKind, _ summary: String, _ attributes: [AttributeSpec] = [],
                              check: @escaping @Sendable (InferenceContext) throws -> Void = { _ in }) -> OpSchema {
        OpSchema.elementwiseUnary(kind, summary, attributes, check: check)
    }

    /// softmax or log_softmax: x's type; `axis` must name an axis of x.
    private static func normalizedExponential(_ kind: OpKind, _ summary: String) -> OpSchema {
        unary(kind, summary, [AttributeSpec("axis", .int, default: .int(-1), "the axis normalized over (negative counts from the end)")]) { context in
            _ = try ShapeRules.normalizeAxis(context.int("axis"), rank: context.operand(0, "x").rank)
        }
    }
}
