/// nll_loss and nll_loss_grad: the negative log-likelihood of class labels under given log
/// probabilities (ONNX NegativeLogLikelihoodLoss), for [N, C] and [N, C, d1, …] inputs, and its
/// gradient with respect to the log probabilities.
enum NegativeLogLikelihoodOps {
    static let nllLoss = OpSchema(
        .nllLoss, "Negative log-likelihood (ONNX NegativeLogLikelihoodLoss): per position loss = −w[y]·log_probabilities[n, y, d…] (0 where y is the ignored label); mean divides the sum by Σ w[y] over the positions not ignored.",
        operands: [.required("log_probabilities"), .required("labels"), .optional("weights")],
        attributes: [reduction, ignoreIndex]) { context in
        let positions = try labelPositions(context)
        return [try lossType(context, positions)]
    }

    static let nllLossGrad = OpSchema(
        .nllLossGrad, "Gradient of nll_loss with respect to log_probabilities: −w[y]·dloss at each position's label (divided as nll_loss's mean divides), 0 elsewhere; dloss is the last operand.",
        operands: [.required("log_probabilities"), .required("labels"), .optional("weights"), .required("dloss")],
        attributes: [reduction, ignoreIndex]) { context in
        guard (3...4).contains(context.operands.count) else {
            throw Diagnostic("nll_loss_grad takes 3 or 4 operands (log_probabilities, labels, weights?, dloss), found \(context.operands.count)")
        }
        let positions = try labelPositions(context, hasGradient: true)
        let dlossIndex = context.operands.count - 1
        try ShapeRules.requireType(context.operand(dlossIndex, "dloss"), "dloss", try lossType(context, positions), "nll_loss's result type")
        return [try context.operand(0, "log_probabilities")]
    }

    private static let reduction = AttributeSpec("reduction", .string, default: .string("mean"),
                                                 "mean, sum or none (one loss per position)")
    private static let ignoreIndex = AttributeSpec("ignore_index", .ints, default: .ints([]),
                                                   "[] ignores no label; [k]: positions labelled k add nothing and count for nothing")

    /// The labels' type, [N, d1, …] i64: log_probabilities [N, C, d1, …] floating without axis 1,
    /// after checking the operands up to the weights (present when there are more operands than
    /// the two, or three with `hasGradient`) and ignore_index.
    private static func labelPositions(_ context: InferenceContext, hasGradient: Bool = false) throws -> TensorType {
        let scores = try context.operand(0, "log_probabilities")
        try ShapeRules.requireFloating(scores, "log_probabilities")
        try ShapeRules.requireRank(scores, "log_probabilities", 2...Int.max, "N, C, then any spatial axes")
        var positions = scores.shape.dimensions
        positions.remove(at: 1)
        let labels = TensorType(.i64, Shape(positions))
        try ShapeRules.requireType(context.operand(1, "labels"), "labels", labels, "one class index per position")
        if context.operands.count > (hasGradient ? 3 : 2) {
            try ShapeRules.requireType(context.operand(2, "weights"), "weights", TensorType(scores.dtype, Shape([scores.shape[1]])),
                                       "one weight per class")
        }
        let ignored = try context.ints("ignore_index")
        guard ignored.count <= 1 else {
            throw Diagnostic("ignore_index must hold at most one label, found \(ShapeRules.text(ignored))")
        }
        return labels
    }

    /// The loss's type: a scalar of the scores' dtype for mean and sum, one per position for none.
    private static func lossType(_ context: InferenceContext, _ positions: TensorType) throws -> TensorType {
        let dtype = try context.operand(0, "log_probabilities").dtype
        let perPosition = try context.choice("reduction", as: Reduction.self) == .none
        return TensorType(dtype, perPosition ? positions.shape : Shape([Dimension]()))
    }
}
