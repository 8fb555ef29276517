/// The gradients of the element-wise activations and of the classification losses:
/// activation_grad, softmax_cross_entropy_grad and hinge_grad. `dy` and `dloss` are the
/// gradients of the loss with respect to the forward op's result.
enum PointwiseGradientOps {
    static let activationGrad = OpSchema(
        .activationGrad, "dy·f′(x) for the element-wise activation f (relu′(0) = 0; clip passes dy strictly inside (alpha, beta)).",
        operands: [.required("x"), .required("dy")],
        attributes: [AttributeSpec("activation", .string, default: nil,
                                   "none, relu, leaky_relu, clip, sigmoid, tanh, hard_sigmoid, hard_swish, silu, elu, softplus or gelu"),
                     AttributeSpec("alpha", .float, default: .float(0), "leaky_relu's and elu's alpha, clip's lower bound, hard_sigmoid's alpha"),
                     AttributeSpec("beta", .float, default: .float(0), "clip's upper bound, hard_sigmoid's beta")]) { context in
        let x = try context.operand(0, "x")
        try ShapeRules.requireFloating(x, "x")
        try ShapeRules.requireType(context.operand(1, "dy"), "dy", x, "the gradient of the activation's result, x's type")
        if try context.choice("activation", as: DifferentiableActivation.self) == .clip {
            let (lower, upper) = (try context.float("alpha"), try context.float("beta"))
            guard lower <= upper else { throw Diagnostic("clip's alpha (\(lower)) must not exceed its beta (\(upper))") }
        }
        return [x]
    }

    /// The weights operand may be left out (then dloss is the third operand), as in the forward
    /// softmax_cross_entropy; dloss is always the last.
    static let softmaxCrossEntropyGrad = OpSchema(
        .softmaxCrossEntropyGrad, "Gradient of softmax_cross_entropy with respect to the logits, scaled by dloss.",
        operands: [.required("logits"), .required("labels"), .optional("weights"), .required("dloss")],
        attributes: [reduction, AttributeSpec("label_smoothing", .float, default: .float(0),
                                              "mass spread uniformly over the classes, in [0, 1]")]) { context in
        let smoothing = try context.float("label_smoothing")
        guard (0...1).contains(smoothing) else { throw Diagnostic("label_smoothing must be in [0, 1], found \(smoothing)") }
        let logits = try LossOps.classScores(context, "logits")
        if context.operands.count == 4 {
            try ShapeRules.requireType(context.operands[2], "weights", TensorType(logits.dtype, Shape([logits.shape[1]])), "one weight per class")
        }
        try requireLossGradient(context, index: context.operands.count - 1, scores: logits)
        return [logits]
    }

    static let hingeGrad = OpSchema(
        .hingeGrad, "Gradient of the multi-class hinge loss with respect to the scores, scaled by dloss (0 at the kink).",
        operands: [.required("scores"), .required("labels"), .required("dloss")],
        attributes: [reduction, AttributeSpec("margin", .float, default: .float(1.0), "the margin the true class must win by")]) { context in
        let scores = try LossOps.classScores(context, "scores")
        try requireLossGradient(context, index: 2, scores: scores)
        return [scores]
    }

    private static let reduction = AttributeSpec("reduction", .string, default: .string("mean"),
                                                 "the forward loss's reduction: mean, sum or none (one loss per sample)")

    /// dloss at `index`: a scalar of the scores' dtype for reduction mean and sum, `[N]` for none.
    private static func requireLossGradient(_ context: InferenceContext, index: Int, scores: TensorType) throws {
        let dloss = try context.operand(index, "dloss")
        if try context.choice("reduction", as: Reduction.self) == .none {
            try ShapeRules.requireType(dloss, "dloss", TensorType(scores.dtype, Shape([scores.shape[0]])),
                                       "the gradient of one loss per sample, for reduction none")
        } else {
            try ShapeRules.requireType(dloss, "dloss", TensorType(scores.dtype, Shape([Dimension]())),
                                       "the gradient of the reduced loss, a scalar")
        }
    }
}
