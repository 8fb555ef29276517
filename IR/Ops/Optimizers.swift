/// The optimizer updates: sgd_update, momentum_update, adagrad_update, adam_update and
/// rmsprop_update. Each takes a parameter x, its gradient g, the optimizer's state tensors (all of
/// x's type), the learning rate lr (a floating scalar) and, where the rule depends on it, the
/// update count step (an i64 scalar, 0 at the first update), and gives the next value of x and of
/// each state tensor, in that order. Weight decay adds weight_decay·x to the gradient first (the
/// gradient of ½·weight_decay·‖x‖²). Momentum, Adagrad and Adam follow ONNX's
/// ai.onnx.preview.training operators exactly.
enum OptimizerOps {
    static let sgdUpdate = OpSchema(
        .sgdUpdate, "Stochastic gradient descent: x_next = x − lr·(g + weight_decay·x).",
        operands: [.required("x"), .required("g"), .required("lr")],
        attributes: [weightDecay]) { context in
        try update(context, states: [], usesStep: false)
    }

    static let momentumUpdate = OpSchema(
        .momentumUpdate, "SGD with momentum (ONNX Momentum): with g' = g + weight_decay·x and b = beta (1 at step 0), v_next = alpha·v + b·g'; x_next = x − lr·v_next, or x − lr·(g' + alpha·v_next) when nesterov.",
        operands: [.required("x"), .required("g"), .required("v"), .required("lr"), .required("step")],
        attributes: [AttributeSpec("alpha", .float, default: .float(0.9), "decay of the momentum"),
                     AttributeSpec("beta", .float, default: .float(1.0), "coefficient of the gradient in the momentum after the first step"),
                     weightDecay,
                     AttributeSpec("nesterov", .bool, default: .bool(false), "Nesterov's momentum (ONNX mode \"nesterov\")")]) { context in
        try update(context, states: ["v"], usesStep: true)
    }

    static let adagradUpdate = OpSchema(
        .adagradUpdate, "Adagrad (ONNX Adagrad): with g' = g + weight_decay·x, h_next = h + g'²; x_next = x − lr/(1 + step·decay_factor)·g'/(√h_next + epsilon).",
        operands: [.required("x"), .required("g"), .required("h"), .required("lr"), .required("step")],
        attributes: [AttributeSpec("decay_factor", .float, default: .float(0), "decay of the learning rate per step"),
                     epsilon(1e-6), weightDecay]) { context in
        try requireNonNegative(context, "decay_factor")
        return try update(context, states: ["h"], usesStep: true)
    }

    static let adamUpdate = OpSchema(
        .adamUpdate, "Adam (ONNX Adam): with g' = g + weight_decay·x, m_next = alpha·m + (1−alpha)·g', v_next = beta·v + (1−beta)·g'², r = lr·√(1−beta^step)/(1−alpha^step) (lr at step 0); x_next = (1 − decoupled_weight_decay)·(x − r·m_next/(√v_next + epsilon)).",
        operands: [.required("x"), .required("g"), .required("m"), .required("v"), .required("lr"), .required("step")],
        attributes: [AttributeSpec("alpha", .float, default: .float(0.9), "decay of the first moment m (β1), in [0, 1)"),
                     AttributeSpec("beta", .float, default: .float(0.999), "decay of the second moment v (β2), in [0, 1)"),
                     epsilon(1e-6), weightDecay,
                     AttributeSpec("decoupled_weight_decay", .float, default: .float(0),
                                   "fraction of x removed after the update (AdamW; ONNX norm_coefficient_post), in [0, 1]")]) { context in
        try requireFraction(context, "alpha", upperBoundIncluded: false)
        try requireFraction(context, "beta", upperBoundIncluded: false)
        try requireFraction(context, "decoupled_weight_decay", upperBoundIncluded: true)
        return try update(context, states: ["m", "v"], usesStep: true)
    }

    static let rmspropUpdate = OpSchema(
        .rmspropUpdate, "RMSprop: with g' = g + weight_decay·x, s_next = decay·s + (1−decay)·g'²; x_next = x − lr·g'/(√s_next + epsilon).",
        operands: [.required("x"), .required("g"), .required("s"), .required("lr")],
        attributes: [AttributeSpec("decay", .float, default: .float(0.99), "decay of the mean square s, in [0, 1]"),
                     epsilon(1e-8), weightDecay]) { context in
        try requireFraction(context, "decay", upperBoundIncluded: true)
        return try update(context, states: ["s"], usesStep: false)
    }

    private static let weightDecay = AttributeSpec("weight_decay", .float, default: .float(0),
                                                   "L2 coefficient: weight_decay·x is added to the gradient (ONNX norm_coefficient)")

    /// The `epsilon` attribute with `value` as its default.
    private static func epsilon(_ value: Double) -> AttributeSpec {
        AttributeSpec("epsilon", .float, default: .float(value), "added to the root of the squares to avoid dividing by zero")
    }

    /// The result types of an update: x's type for x_next and each state; throws unless g and the
    /// states have x's type, lr is a floating scalar and (with `usesStep`) step an i64 scalar,
    /// weight_decay is non-negative and epsilon, where the op has one, positive.
    private static func update(_ context: InferenceContext, states: [String], usesStep: Bool) throws -> [TensorType] {
        let x = try context.operand(0, "x")
        try ShapeRules.requireFloating(x, "x")
        for (offset, name) in (["g"] + states).enumerated() {
            try ShapeRules.requireType(context.operand(1 + offset, name), name, x, "x's type")
        }
        let rate = try context.operand(2 + states.count, "lr")
        try ShapeRules.requireFloating(rate, "lr")
        try ShapeRules.requireRank(rate, "lr", 0...0, "a scalar")
        if usesStep {
            try ShapeRules.requireType(context.operand(3 + states.count, "step"), "step", TensorType(.i64, Shape([Dimension]())),
                                       "the update count, a scalar")
        }
        try requireNonNegative(context, "weight_decay")
        if context.has("epsilon") {
            let epsilon = try context.float("epsilon")
            guard epsilon > 0 && epsilon.isFinite else { throw Diagnostic("epsilon must be positive, found \(epsilon)") }
        }
        for name in ["alpha", "beta"] where context.has(name) {
            let value = try context.float(name)
            guard value.isFinite else { throw Diagnostic("\(name) must be finite, found \(value)") }
        }
        return Array(repeating: x, count: 1 + states.count)
    }

    /// Throws unless the number attribute `name` is finite and ≥ 0.
    private static func requireNonNegative(_ context: InferenceContext, _ name: String) throws {
        let value = try context.float(name)
        guard value >= 0 && value.isFinite else { throw Diagnostic("\(name) must be a finite number ≥ 0, found \(value)") }
    }

    /// Throws unless the number attribute `name` lies in [0, 1] (or [0, 1) when the upper bound is excluded).
    private static func requireFraction(_ context: InferenceContext, _ name: String, upperBoundIncluded: Bool) throws {
        let value = try context.float(name)
        let fits = upperBoundIncluded ? (0...1).contains(value) : (0..<1).contains(value)
        guard fits else { throw Diagnostic("\(name) must be in [0, 1\(upperBoundIncluded ? "]" : ")"), found \(value)") }
    }
}
