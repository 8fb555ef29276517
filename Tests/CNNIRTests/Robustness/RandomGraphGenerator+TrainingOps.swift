import CNNIR

/// Recipes for nll_loss, nll_loss_grad, the optimizer updates, learning_rate and global_norm_scale.
extension RandomGraphGenerator {
    /// nll_loss (or its gradient) of `[N, C, d…]` log probabilities against `i64[N, d…]` labels,
    /// with optional class weights, ignore_index and (for the gradient) dloss.
    mutating func negativeLogLikelihoodCandidate(isGradient: Bool) -> NodeCandidate {
        let dtype = floatingDType()
        let scores = image(dtype: dtype, spatialRank: random.int(in: 0...2))
        var positions = scores.type.shape.dimensions
        positions.remove(at: 1)
        let labelType = TensorType(.i64, Shape(positions))
        let reduction = random.pick(["mean", "sum", "none"])
        var operands = [scores, operand(reuse: 0.6, fitting: { $0 == labelType }, orNew: labelType)]
        if random.chance(0.4) { operands.append(weight(TensorType(dtype, [staticSize(scores.type, 1)]))) }
        if isGradient {
            let lossType = TensorType(dtype, reduction == "none" ? Shape(positions) : Shape([Dimension]()))
            operands.append(operand(reuse: 0.5, fitting: { $0 == lossType }, orNew: lossType))
        }
        var attributes: Attributes = ["reduction": .string(reduction)]
        if random.chance(0.4) { attributes["ignore_index"] = .ints([random.pick([-100, -1, 0, 3])]) }
        return NodeCandidate(operands, attributes)
    }

    /// An optimizer update: x, g and `states` state tensors of one floating type, a floating
    /// scalar learning rate and (when the op takes one) an i64 scalar step; random valid attributes.
    mutating func parameterUpdateCandidate(_ op: OpKind) -> NodeCandidate {
        let states = op == .sgdUpdate ? 0 : op == .adamUpdate ? 2 : 1
        let x = data(dtype: floatingDType(), ranks: 0...4)
        var operands = [x] + (0...states).map { _ in operand(reuse: 0.4, fitting: { $0 == x.type }, orNew: x.type) }
        let rateType = TensorType(floatingDType(), Shape([Dimension]()))
        operands.append(operand(reuse: 0.5, fitting: { $0 == rateType }, orNew: rateType))
        if op != .sgdUpdate && op != .rmspropUpdate { operands.append(scalarStep()) }
        var attributes: Attributes = ["weight_decay": .float(random.ordinaryDouble(in: 0...0.1))]
        switch op {
        case .momentumUpdate:
            attributes["alpha"] = .float(random.ordinaryDouble(in: 0...1))
            attributes["beta"] = .float(random.ordinaryDouble(in: 0...1))
            attributes["nesterov"] = .bool(random.chance(0.5))
        case .adagradUpdate:
            attributes["decay_factor"] = .float(random.ordinaryDouble(in: 0...1))
            attributes["epsilon"] = .float(random.pick([1e-6, 1e-8, 0.1]))
        case .adamUpdate:
            attributes["alpha"] = .float(random.pick([0.9, 0, 0.5]))
            attributes["beta"] = .float(random.pick([0.999, 0.25]))
            attributes["decoupled_weight_decay"] = .float(random.ordinaryDouble(in: 0...1))
        case .rmspropUpdate:
            attributes["decay"] = .float(random.ordinaryDouble(in: 0...1))
            attributes["epsilon"] = .float(random.pick([1e-8, 1e-3]))
        default: break
        }
        return NodeCandidate(operands, attributes, resultCount: 1 + states)
    }

    /// learning_rate of an i64 scalar step, with a random schedule.
    mutating func learningRateCandidate() -> NodeCandidate {
        let attributes: Attributes = [
            "schedule": .string(random.pick(LearningRateSchedule.allCases).rawValue), "base": .float(random.ordinaryDouble(in: 0...1)),
            "warmup_steps": .int(random.int(in: 0...1000)), "decay_steps": .int(random.int(in: 1...100_000)),
            "decay_rate": .float(random.ordinaryDouble(in: 0.01...1)), "minimum": .float(random.ordinaryDouble(in: 0...0.01)),
        ]
        return NodeCandidate([scalarStep()], attributes)
    }

    /// global_norm_scale of one to three floating values.
    mutating func globalNormScaleCandidate() -> NodeCandidate {
        let gradients = (0..<random.int(in: 1...3)).map { _ in data(dtype: floatingDType(), ranks: 0...4) }
        return NodeCandidate(gradients, ["max_norm": .float(random.ordinaryDouble(in: 0.1...10))])
    }

    /// An i64 scalar: an existing one, or a new input.
    private mutating func scalarStep() -> OperandChoice {
        let type = TensorType(.i64, Shape([Dimension]()))
        return operand(reuse: 0.5, fitting: { $0 == type }, orNew: type)
    }
}
