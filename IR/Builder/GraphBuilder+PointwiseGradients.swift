/// Typed builders for training batch normalization and the point-wise gradients: those of the
/// normalizations, the element-wise activations and the classification losses. `dy` and `dloss`
/// are the gradients of the loss with respect to the forward op's result; the ops with several
/// results return them in the op's result order, and `names` names them (one per result).
extension GraphBuilder {
    /// `batch_norm_train`: `x` [N, C, …] normalized by its batch statistics per channel; `scale`,
    /// `bias`, `runningMean` and `runningVariance` are [C]. Returns y, the next running mean and
    /// variance, and the batch mean and inverse standard deviation that `batchNormGrad` takes.
    public func batchNormTrain(_ x: GraphValue, scale: GraphValue, bias: GraphValue, runningMean: GraphValue,
                               runningVariance: GraphValue, epsilon: Double = 1e-5, momentum: Double = 0.9,
                               names: [String]? = nil) throws
        -> (y: GraphValue, runningMean: GraphValue, runningVariance: GraphValue, batchMean: GraphValue, batchInverseStd: GraphValue) {
        let results = try apply(.batchNormTrain, [x, scale, bias, runningMean, runningVariance],
                                ["epsilon": .float(epsilon), "momentum": .float(momentum)], resultCount: 5, names: names)
        return (results[0], results[1], results[2], results[3], results[4])
    }

    /// `batch_norm_grad`: the gradients of batch_norm_train's y with respect to x, scale and bias,
    /// from the `batchMean` and `batchInverseStd` it returned.
    public func batchNormGrad(_ x: GraphValue, scale: GraphValue, batchMean: GraphValue, batchInverseStd: GraphValue,
                              dy: GraphValue, names: [String]? = nil) throws -> (dx: GraphValue, dscale: GraphValue, dbias: GraphValue) {
        let results = try apply(.batchNormGrad, [x, scale, batchMean, batchInverseStd, dy], resultCount: 3, names: names)
        return (results[0], results[1], results[2])
    }

    /// `instance_norm_grad`: the gradients of instance_norm's result with respect to x, scale and
    /// bias (the statistics are recomputed from `x` with `epsilon`).
    public func instanceNormGrad(_ x: GraphValue, scale: GraphValue, dy: GraphValue, epsilon: Double = 1e-5,
                                 names: [String]? = nil) throws -> (dx: GraphValue, dscale: GraphValue, dbias: GraphValue) {
        let results = try apply(.instanceNormGrad, [x, scale, dy], ["epsilon": .float(epsilon)], resultCount: 3, names: names)
        return (results[0], results[1], results[2])
    }

    /// `activation_grad`: dy·f′(x) for `activation` f; `alpha` and `beta` carry the forward op's
    /// parameters (leaky_relu's and elu's alpha, clip's bounds, hard_sigmoid's alpha and beta).
    public func activationGrad(_ x: GraphValue, dy: GraphValue, activation: DifferentiableActivation, alpha: Double = 0,
                               beta: Double = 0, name: String? = nil) throws -> GraphValue {
        try apply(.activationGrad, [x, dy],
                  ["activation": .string(activation.rawValue), "alpha": .float(alpha), "beta": .float(beta)], name: name)
    }

    /// `softmax_cross_entropy_grad`: the gradient of `softmax_cross_entropy` (same operands and
    /// attributes) with respect to `logits`, scaled by `dloss`.
    public func softmaxCrossEntropyGrad(_ logits: GraphValue, labels: GraphValue, weights: GraphValue? = nil, dloss: GraphValue,
                                        reduction: Reduction = .mean, labelSmoothing: Double = 0,
                                        name: String? = nil) throws -> GraphValue {
        try apply(.softmaxCrossEntropyGrad, [logits, labels] + [weights].compactMap { $0 } + [dloss],
                  ["reduction": .string(reduction.rawValue), "label_smoothing": .float(labelSmoothing)], name: name)
    }

    /// `hinge_grad`: the gradient of `hinge` (same operands and attributes) with respect to
    /// `scores`, scaled by `dloss`.
    public func hingeGrad(_ scores: GraphValue, labels: GraphValue, dloss: GraphValue, reduction: Reduction = .mean,
                          margin: Double = 1.0, name: String? = nil) throws -> GraphValue {
        try apply(.hingeGrad, [scores, labels, dloss], ["reduction": .string(reduction.rawValue), "margin": .float(margin)],
                  name: name)
    }
}
