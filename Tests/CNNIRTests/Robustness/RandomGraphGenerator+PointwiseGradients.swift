import CNNIR

/// The recipe for batch_norm_train, batch_norm_grad, instance_norm_grad, activation_grad,
/// softmax_cross_entropy_grad and hinge_grad.
extension RandomGraphGenerator {
    /// A proposal of the forward op's recipe (batch_norm, instance_norm, an activation or a
    /// classification loss) turned into `op`: the forward operands the op keeps, a gradient of
    /// the forward result's type (an existing value or a new input) and the forward attributes.
    /// A proposal the schema rejects (such as a batch of one value per channel) is drawn again.
    mutating func pointwiseGradientCandidate(_ op: OpKind) -> NodeCandidate {
        switch op {
        case .batchNormTrain:
            let forward = normalizationCandidate(isBatch: true)
            return NodeCandidate(forward.operands, forward.attributes, resultCount: 5)
        case .batchNormGrad:
            let forward = normalizationCandidate(isBatch: true)
            let x = forward.operands[0]
            return NodeCandidate(Array(forward.operands.prefix(2)) + [forward.operands[3], forward.operands[4], gradient(of: x.type)],
                                 resultCount: 3)
        case .instanceNormGrad:
            let forward = normalizationCandidate(isBatch: false)
            let x = forward.operands[0]
            return NodeCandidate([x, forward.operands[1], gradient(of: x.type)], forward.attributes, resultCount: 3)
        case .activationGrad:
            return activationGradientCandidate()
        default:
            var forward = classificationLossCandidate(isHinge: op == .hingeGrad)
            let scores = forward.operands[0].type
            let lossType = forward.attributes["reduction"] == .string("none")
                ? TensorType(scores.dtype, Shape([scores.shape[0]])) : TensorType(scores.dtype, Shape([Dimension]()))
            forward.operands.append(gradient(of: lossType))
            return forward
        }
    }

    /// activation_grad of a floating x for a random activation, with the forward parameters
    /// alpha and beta where the activation has them (clip's ordered).
    private mutating func activationGradientCandidate() -> NodeCandidate {
        let x = data(dtype: floatingDType(), ranks: 0...5)
        let activation = random.pick(DifferentiableActivation.allCases)
        var attributes: Attributes = ["activation": .string(activation.rawValue)]
        switch activation {
        case .leakyRelu, .elu:
            attributes["alpha"] = .float(random.stressDouble())
        case .hardSigmoid:
            attributes["alpha"] = .float(random.stressDouble())
            attributes["beta"] = .float(random.stressDouble())
        case .clip:
            let bounds = [random.pick([-Double.infinity, 0, -1, random.stressDouble()]), random.pick([6, Double.infinity, random.stressDouble()])]
            attributes["alpha"] = .float(bounds.min() ?? 0)
            attributes["beta"] = .float(bounds.max() ?? 0)
        default:
            break
        }
        return NodeCandidate([x, gradient(of: x.type)], attributes)
    }

    /// The gradient of a forward result of `type`: an existing value of that type, or a new input.
    private mutating func gradient(of type: TensorType) -> OperandChoice {
        operand(reuse: 0.5, fitting: { $0 == type }, orNew: type)
    }
}
