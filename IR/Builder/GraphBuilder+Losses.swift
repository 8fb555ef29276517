/// Typed builders for the losses.
extension GraphBuilder {
    /// `softmax_cross_entropy` of `logits` [N,C] against i64 `labels` [N], optionally weighted
    /// per class by `weights` [C].
    public func softmaxCrossEntropy(_ logits: GraphValue, labels: GraphValue, weights: GraphValue? = nil,
                                    reduction: Reduction = .mean, labelSmoothing: Double = 0,
                                    name: String? = nil) throws -> GraphValue {
        try apply(.softmaxCrossEntropy, [logits, labels] + [weights].compactMap { $0 },
                  ["reduction": .string(reduction.rawValue), "label_smoothing": .float(labelSmoothing)],
                  name: name)
    }

    /// `mse`: the squared difference of `prediction` and `target` (same type).
    public func mse(_ prediction: GraphValue, target: GraphValue, reduction: Reduction = .mean,
                    name: String? = nil) throws -> GraphValue {
        try apply(.mse, [prediction, target], ["reduction": .string(reduction.rawValue)], name: name)
    }

    /// `hinge`: per sample Σ_{j≠y} max(0, margin + s_j − s_y) of `scores` [N,C] and i64 `labels` [N].
    public func hinge(_ scores: GraphValue, labels: GraphValue, reduction: Reduction = .mean, margin: Double = 1.0,
                      name: String? = nil) throws -> GraphValue {
        try apply(.hinge, [scores, labels], ["reduction": .string(reduction.rawValue), "margin": .float(margin)],
                  name: name)
    }
}
