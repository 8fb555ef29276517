/// The losses: softmax_cross_entropy, mse and hinge, reduced to a scalar or kept per sample.
enum LossOps {
    static let softmaxCrossEntropy = OpSchema(
        .softmaxCrossEntropy, "Cross-entropy of softmax(logits) against class labels, optionally weighted per class and smoothed.",
        operands: [.required("logits"), .required("labels"), .optional("weights")],
        attributes: [reduction,
                     AttributeSpec("label_smoothing", .float, default: .float(0),
                                   "mass spread uniformly over the classes, in [0, 1]")]) { context in
        let smoothing = try context.float("label_smoothing")
        guard (0...1).contains(smoothing) else { throw Diagnostic("label_smoothing must be in [0, 1], found \(smoothing)") }
        let logits = try classScores(context, "logits")
        if let weights = context.optionalOperand(2) {
            try ShapeRules.requireType(weights, "weights", TensorType(logits.dtype, Shape([logits.shape[1]])), "one weight per class")
        }
        return [try reduced(context, logits.dtype, perSample: Shape([logits.shape[0]]))]
    }

    static let mse = OpSchema(
        .mse, "Mean squared error between prediction and target.",
        operands: [.required("prediction"), .required("target")], attributes: [reduction]) { context in
        let prediction = try context.operand(0, "prediction")
        try ShapeRules.requireFloating(prediction, "prediction")
        try ShapeRules.requireType(context.operand(1, "target"), "target", prediction, "the prediction's type")
        return [try reduced(context, prediction.dtype, perSample: prediction.shape)]
    }

    static let hinge = OpSchema(
        .hinge, "Multi-class hinge loss: per sample Σ_{j≠y} max(0, margin + s_j − s_y).",
        operands: [.required("scores"), .required("labels")],
        attributes: [reduction, AttributeSpec("margin", .float, default: .float(1.0), "the margin the true class must win by")]) { context in
        let scores = try classScores(context, "scores")
        return [try reduced(context, scores.dtype, perSample: Shape([scores.shape[0]]))]
    }

    private static let reduction = AttributeSpec("reduction", .string, default: .string("mean"),
                                                 "mean, sum or none (one loss per sample)")

    /// The first operand: floating [N, C]; the second, labels: i64[N] (the loss gradients share it).
    static func classScores(_ context: InferenceContext, _ name: String) throws -> TensorType {
        let scores = try context.operand(0, name)
        try ShapeRules.requireFloating(scores, name)
        try ShapeRules.requireRank(scores, name, 2...2, "N samples, C classes")
        try ShapeRules.requireType(context.operand(1, "labels"), "labels", TensorType(.i64, Shape([scores.shape[0]])),
                                   "one class index per sample")
        return scores
    }

    /// A scalar of `dtype` for mean and sum, `perSample` for none.
    private static func reduced(_ context: InferenceContext, _ dtype: DType, perSample: Shape) throws -> TensorType {
        try context.choice("reduction", as: Reduction.self) == .none ? TensorType(dtype, perSample) : TensorType(dtype, Shape([Dimension]()))
    }
}
