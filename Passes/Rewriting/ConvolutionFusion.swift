import CNNIR

/// A `conv` or `fused_conv` that a fusion pass may extend with a further epilogue step: a
/// residual operand, then an activation (a fused_conv computes conv + bias, then + residual, then
/// the activation, so each step can only be added while the later ones are still absent).
///
/// `fuse` turns the node that consumes the conv's result into one fused_conv computing both: the
/// fused node takes the consumer's place in the schedule and its results (names and types), so
/// its users do not change, and every operand it reads is defined before it — the conv's
/// operands come before the conv, which comes before its consumer. The conv's own slot is
/// removed, or holds the zero bias a conv without bias needs (fused_conv requires one).
struct ConvolutionFusion: Sendable {
    /// The index of the conv or fused_conv node.
    let index: Int
    /// The conv or fused_conv node.
    let node: Node
    /// The activation already fused (`none` for a conv).
    let activation: FusedActivation
    /// The name of its result.
    var result: String { node.results[0].name }
    /// Whether the node has a residual operand already.
    var hasResidual: Bool { node.op == .fusedConv && node.operands.count == 4 }
    /// Whether a residual may still be added (none yet, and no activation that would have to run
    /// before it).
    var acceptsResidual: Bool { !hasResidual && activation == .none }
    /// Whether an activation may still be added.
    var acceptsActivation: Bool { activation == .none }

    /// The conv or fused_conv that produces `value` as its only result, or nil for any other
    /// producer (or none: `value` is an input or a parameter).
    init?(producing value: String, _ rewriter: GraphRewriter) {
        guard let index = rewriter.producer(of: value) else { return nil }
        let node = rewriter.node(at: index)
        guard node.results.count == 1, let attributes = ResolvedAttributes(node) else { return nil }
        switch node.op {
        case .conv:
            guard (2...3).contains(node.operands.count) else { return nil }
            activation = .none
        case .fusedConv:
            guard (3...4).contains(node.operands.count),
                  let name = attributes.string("activation"), let fused = FusedActivation(rawValue: name) else { return nil }
            activation = fused
        default:
            return nil
        }
        (self.index, self.node) = (index, node)
    }

    /// Replaces the node at `consumerIndex`, which uses this conv's result, with a fused_conv
    /// that computes the conv, adds `residual` (if given) and applies `activation` (if given),
    /// and defines the consumer's results. `absorbed` are the indices of further nodes between
    /// the two that the fused node makes unused (such as the sigmoid of `x · sigmoid(x)`); they
    /// are removed. `sources` lists the conv's sources (or its name), then the names of the
    /// absorbed nodes and of the consumer. Changes nothing when the fused node's attributes do
    /// not normalize or the conv's output channel count is not static.
    func fuse(into consumerIndex: Int, residual: String? = nil, activation epilogue: EpilogueActivation? = nil,
              absorbing absorbed: [Int] = [], _ rewriter: inout GraphRewriter) {
        let consumer = rewriter.node(at: consumerIndex)
        var attributes = node.attributes
        for (name, value) in epilogue?.attributes ?? [:] { attributes[name] = value }
        let absorbedNames = (absorbed + [consumerIndex]).map { rewriter.node(at: $0).name }
        attributes["sources"] = .string((sources + absorbedNames).joined(separator: ","))
        guard let normalized = try? OpKind.fusedConv.schema.normalize(attributes) else { return }

        var operands = Array(node.operands.prefix(3))
        var zeroBias: Node?
        if operands.count == 2 {
            guard let bias = zeroBiasNode(rewriter) else { return }
            operands.append(bias.name)
            zeroBias = bias
        }
        operands += node.operands.dropFirst(3) + (residual.map { [$0] } ?? [])
        rewriter.replaceNode(at: consumerIndex, with: Node(op: .fusedConv, operands: operands, attributes: normalized,
                                                           results: consumer.results, location: node.location))
        for index in absorbed { rewriter.removeNode(at: index) }
        if let zeroBias {
            rewriter.replaceNode(at: index, with: zeroBias)
        } else {
            rewriter.removeNode(at: index)
        }
    }

    /// The names of the nodes this conv stands for: a fused_conv's `sources`, or the node's name.
    private var sources: [String] {
        if node.op == .fusedConv, let listed = ResolvedAttributes(node)?.string("sources"), !listed.isEmpty {
            return listed.split(separator: ",").map(String.init)
        }
        return [node.name]
    }

    /// A `constant` node of zeros, one per output channel in the result's dtype, named after the
    /// conv (`NAME.bias`, or a free variant); nil when the channel count is not static.
    private func zeroBiasNode(_ rewriter: GraphRewriter) -> Node? {
        let resultType = node.results[0].type
        guard resultType.rank >= 2, let channels = resultType.shape[1].fixedValue else { return nil }
        let type = TensorType(resultType.dtype, [channels])
        let literal = TensorLiteral(type: type, storage: .floating([Double](repeating: 0, count: channels)))
        return Node(op: .constant, operands: [], attributes: Attributes(["value": .tensor(literal)]),
                    results: [ValueDeclaration(name: rewriter.unusedName(node.name + ".bias"), type: type)],
                    location: node.location)
    }
}
