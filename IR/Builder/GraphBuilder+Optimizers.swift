/// Typed builders for nll_loss and its gradient, the optimizer updates, learning_rate and
/// global_norm_scale. The updates return the next parameter and the next state, in the op's
/// result order; `names` names them (one per result).
extension GraphBuilder {
    /// `nll_loss` of `logProbabilities` [N, C, d…] against i64 `labels` [N, d…], optionally
    /// weighted per class; positions labelled `ignoreIndex` add nothing.
    public func nllLoss(_ logProbabilities: GraphValue, labels: GraphValue, weights: GraphValue? = nil, reduction: Reduction = .mean,
                        ignoreIndex: Int? = nil, name: String? = nil) throws -> GraphValue {
        try apply(.nllLoss, [logProbabilities, labels] + [weights].compactMap { $0 }, lossAttributes(reduction, ignoreIndex), name: name)
    }

    /// `nll_loss_grad`: the gradient of `nll_loss` (same operands and attributes) scaled by `dloss`.
    public func nllLossGrad(_ logProbabilities: GraphValue, labels: GraphValue, weights: GraphValue? = nil, dloss: GraphValue,
                            reduction: Reduction = .mean, ignoreIndex: Int? = nil, name: String? = nil) throws -> GraphValue {
        try apply(.nllLossGrad, [logProbabilities, labels] + [weights].compactMap { $0 } + [dloss], lossAttributes(reduction, ignoreIndex),
                  name: name)
    }

    /// `sgd_update`: x − learningRate·(gradient + weightDecay·x).
    public func sgdUpdate(_ x: GraphValue, gradient: GraphValue, learningRate: GraphValue, weightDecay: Double = 0,
                          name: String? = nil) throws -> GraphValue {
        try apply(.sgdUpdate, [x, gradient, learningRate], ["weight_decay": .float(weightDecay)], name: name)
    }

    /// `momentum_update` (ONNX Momentum; Nesterov's with `nesterov`).
    public func momentumUpdate(_ x: GraphValue, gradient: GraphValue, velocity: GraphValue, learningRate: GraphValue, step: GraphValue,
                               alpha: Double = 0.9, beta: Double = 1, weightDecay: Double = 0, nesterov: Bool = false,
                               names: [String]? = nil) throws -> (x: GraphValue, velocity: GraphValue) {
        let results = try apply(.momentumUpdate, [x, gradient, velocity, learningRate, step],
                                ["alpha": .float(alpha), "beta": .float(beta), "weight_decay": .float(weightDecay), "nesterov": .bool(nesterov)],
                                resultCount: 2, names: names)
        return (results[0], results[1])
    }

    /// `adagrad_update` (ONNX Adagrad).
    public func adagradUpdate(_ x: GraphValue, gradient: GraphValue, accumulator: GraphValue, learningRate: GraphValue, step: GraphValue,
                              decayFactor: Double = 0, epsilon: Double = 1e-6, weightDecay: Double = 0,
                              names: [String]? = nil) throws -> (x: GraphValue, accumulator: GraphValue) {
        let results = try apply(.adagradUpdate, [x, gradient, accumulator, learningRate, step],
                                ["decay_factor": .float(decayFactor), "epsilon": .float(epsilon), "weight_decay": .float(weightDecay)],
                                resultCount: 2, names: names)
        return (results[0], results[1])
    }

    /// `adam_update` (ONNX Adam; AdamW with `decoupledWeightDecay` > 0).
    public func adamUpdate(_ x: GraphValue, gradient: GraphValue, firstMoment: GraphValue, secondMoment: GraphValue,
                           learningRate: GraphValue, step: GraphValue, alpha: Double = 0.9, beta: Double = 0.999, epsilon: Double = 1e-6,
                           weightDecay: Double = 0, decoupledWeightDecay: Double = 0,
                           names: [String]? = nil) throws -> (x: GraphValue, firstMoment: GraphValue, secondMoment: GraphValue) {
        let results = try apply(.adamUpdate, [x, gradient, firstMoment, secondMoment, learningRate, step],
                                ["alpha": .float(alpha), "beta": .float(beta), "epsilon": .float(epsilon), "weight_decay": .float(weightDecay),
                                 "decoupled_weight_decay": .float(decoupledWeightDecay)], resultCount: 3, names: names)
        return (results[0], results[1], results[2])
    }

    /// `rmsprop_update`.
    public func rmspropUpdate(_ x: GraphValue, gradient: GraphValue, meanSquare: GraphValue, learningRate: GraphValue,
                              decay: Double = 0.99, epsilon: Double = 1e-8, weightDecay: Double = 0,
                              names: [String]? = nil) throws -> (x: GraphValue, meanSquare: GraphValue) {
        let results = try apply(.rmspropUpdate, [x, gradient, meanSquare, learningRate],
                                ["decay": .float(decay), "epsilon": .float(epsilon), "weight_decay": .float(weightDecay)],
                                resultCount: 2, names: names)
        return (results[0], results[1])
    }

    /// `learning_rate`: the rate of `schedule` at the i64 scalar `step`, after `warmupSteps` of warm-up.
    public func learningRate(step: GraphValue, schedule: LearningRateSchedule = .constant, base: Double, warmupSteps: Int = 0,
                             decaySteps: Int = 1, decayRate: Double = 1, minimum: Double = 0, name: String? = nil) throws -> GraphValue {
        try apply(.learningRate, [step], ["schedule": .string(schedule.rawValue), "base": .float(base), "warmup_steps": .int(warmupSteps),
                                          "decay_steps": .int(decaySteps), "decay_rate": .float(decayRate), "minimum": .float(minimum)],
                  name: name)
    }

    /// `global_norm_scale`: the factor that clips `gradients` to a global L2 norm of `maxNorm`.
    public func globalNormScale(_ gradients: [GraphValue], maxNorm: Double, name: String? = nil) throws -> GraphValue {
        try apply(.globalNormScale, gradients, ["max_norm": .float(maxNorm)], name: name)
    }

    /// The attributes of nll_loss and its gradient.
    private func lossAttributes(_ reduction: Reduction, _ ignoreIndex: Int?) -> Attributes {
        ["reduction": .string(reduction.rawValue), "ignore_index": .ints(ignoreIndex.map { [$0] } ?? [])]
    }
}
