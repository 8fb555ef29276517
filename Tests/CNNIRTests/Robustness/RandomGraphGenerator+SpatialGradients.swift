import CNNIR

/// The recipe for conv_weight_grad, max_pool_grad, avg_pool_grad, pad_grad and resize_grad.
extension RandomGraphGenerator {
    /// A proposal of the forward op's recipe turned into its gradient: the forward input x, a dy
    /// of the forward result's type (an existing value or a new input), and the forward
    /// attributes the gradient op takes (conv's kernel from its weight). A forward proposal
    /// with auto_pad usually gives a dy the gradient op (explicit pads only) rejects, and the
    /// recipe is drawn again.
    mutating func spatialGradientCandidate(_ op: OpKind) -> NodeCandidate {
        let forward: OpKind, proposal: NodeCandidate
        switch op {
        case .convWeightGrad: (forward, proposal) = (.conv, convolutionCandidate(.conv))
        case .maxPoolGrad: (forward, proposal) = (.maxPool, poolCandidate(isMax: true))
        case .avgPoolGrad: (forward, proposal) = (.avgPool, poolCandidate(isMax: false))
        case .padGrad: (forward, proposal) = (.pad, padCandidate())
        default: (forward, proposal) = (.resize, resizeCandidate())
        }
        let names = Set(op.schema.attributes.map(\.name))
        var attributes = Attributes()
        for name in proposal.attributes.sortedNames where names.contains(name) { attributes[name] = proposal.attributes[name] }
        if op == .convWeightGrad, let sizes = proposal.operands[1].type.shape.fixedSizes {
            attributes["kernel"] = .ints(Array(sizes.dropFirst(2)))
        }
        let operandTypes = Array(proposal.operands.prefix(forward == .conv ? 2 : 1)).map(\.type)
        guard let normalized = try? forward.schema.normalize(proposal.attributes),
              let result = try? forward.schema.inferResultTypes(operands: operandTypes, attributes: normalized).first else {
            return NodeCandidate([proposal.operands[0]], attributes)
        }
        return NodeCandidate([proposal.operands[0], operand(reuse: 0.5, fitting: { $0 == result }, orNew: result)], attributes)
    }
}
