/// Where the values of a graph are used, for choosing how to initialise each parameter.
///
/// A parameter's rule comes from its first use (nodes in order, operands in order):
/// - conv / conv_transpose / gemm / matmul weight operands: He normal when the layer's result
///   reaches a rectifier (relu, leaky_relu, prelu, elu, silu, hard_swish, or clip with min ≥ 0),
///   possibly through shape-preserving or bias-like ops (`passThrough`); Glorot uniform otherwise;
/// - conv / conv_transpose / gemm biases: 0;
/// - batch_norm scale 1, bias 0, mean 0, variance 1; instance_norm scale 1, bias 0;
/// - prelu slope: 0.25;
/// - anything else (unused, or used by another op): Glorot uniform with fans from the shape.
struct ParameterUsage {
    /// The ops the search for a following rectifier looks through.
    static let passThrough: Set<OpKind> = [
        .batchNorm, .instanceNorm, .lrn, .add, .sub, .identity, .dropout, .maxPool, .avgPool,
        .pad, .concat, .reshape, .flatten, .squeeze, .unsqueeze,
    ]
    /// The ops that make a following-rectifier search succeed (clip only with min ≥ 0).
    static let rectifiers: Set<OpKind> = [.relu, .leakyRelu, .prelu, .elu, .silu, .hardSwish, .clip]

    private let graph: Graph
    /// For each value name, the (node index, operand position) pairs that use it, in order.
    private let uses: [String: [(node: Int, operand: Int)]]

    /// Indexes the uses of every value of `graph`.
    init(_ graph: Graph) {
        self.graph = graph
        var uses: [String: [(node: Int, operand: Int)]] = [:]
        for (nodeIndex, node) in graph.nodes.enumerated() {
            for (position, operand) in node.operands.enumerated() {
                uses[operand, default: []].append((nodeIndex, position))
            }
        }
        self.uses = uses
    }

    /// The rule for a parameter named `name` with static shape `shape`.
    func rule(for name: String, shape: [Int]) -> InitializationRule {
        let fallback = genericFans(shape)
        guard let use = uses[name]?.first else { return .glorotUniform(fanIn: fallback.in, fanOut: fallback.out) }
        let node = graph.nodes[use.node]
        switch (node.op, use.operand) {
        case (.conv, 1), (.convTranspose, 1), (.gemm, 0), (.gemm, 1), (.matmul, 0), (.matmul, 1):
            let fans = weightFans(node: node, operand: use.operand, shape: shape)
            return feedsRectifier(use.node) ? .heNormal(fanIn: fans.in) : .glorotUniform(fanIn: fans.in, fanOut: fans.out)
        case (.conv, 2), (.convTranspose, 2), (.gemm, 2),
             (.batchNorm, 2), (.batchNorm, 3), (.instanceNorm, 2):
            return .constant(0)
        case (.batchNorm, 1), (.batchNorm, 4), (.instanceNorm, 1):
            return .constant(1)
        case (.prelu, 1):
            return .constant(0.25)
        default:
            return .glorotUniform(fanIn: fallback.in, fanOut: fallback.out)
        }
    }

    /// Fan-in and fan-out of a layer's weight operand.
    ///
    /// conv `[C_out, C_in/g, k…]`: in = C_in/g·Πk, out = C_out/g·Πk. conv_transpose
    /// `[C_in, C_out/g, k…]`: in = C_in/g·Πk, out = C_out/g·Πk. gemm/matmul: in = the contracted
    /// size K, out = the other size (N for b, M for a).
    private func weightFans(node: Node, operand: Int, shape: [Int]) -> (in: Int, out: Int) {
        let rank = shape.count
        switch node.op {
        case .conv, .convTranspose, .fusedConv:
            guard rank >= 2 else { return genericFans(shape) }
            let groups = max(integerAttribute(node, "groups") ?? 1, 1)
            let grouped = shape[0] % groups == 0 ? shape[0] / groups : shape[0]
            let perGroup = product([grouped] + shape.dropFirst(2)), perChannel = product(Array(shape.dropFirst()))
            return node.op != .convTranspose ? (perChannel, perGroup) : (perGroup, perChannel)
        case .gemm:
            guard rank == 2 else { return genericFans(shape) }
            let transposed = boolAttribute(node, operand == 0 ? "trans_a" : "trans_b") ?? false
            // b is [K, N] and a is [M, K]; transposition swaps the axes.
            let contractedAxis = (operand == 1) != transposed ? 0 : 1
            return (shape[contractedAxis], shape[1 - contractedAxis])
        default:
            guard rank >= 2 else { return (shape.first ?? 1, 1) }
            let rows = shape[rank - 2], columns = shape[rank - 1]
            return operand == 1 ? (rows, columns) : (columns, rows)
        }
    }

    /// Fans from the shape alone: a scalar 1 and 1; a vector n and n; a matrix `[out, in]`;
    /// higher ranks `[out, in, k…]` with both multiplied by Πk.
    private func genericFans(_ shape: [Int]) -> (in: Int, out: Int) {
        switch shape.count {
        case 0: return (1, 1)
        case 1: return (shape[0], shape[0])
        default:
            return (product(Array(shape.dropFirst())), product([shape[0]] + shape.dropFirst(2)))
        }
    }

    /// The product of `sizes`, saturating at `Int.max` (fans only scale a distribution).
    private func product(_ sizes: [Int]) -> Int {
        var result = 1
        for size in sizes {
            let (next, overflow) = result.multipliedReportingOverflow(by: size)
            result = overflow ? Int.max : next
        }
        return result
    }

    /// Whether the results of node `start` reach a rectifier through `passThrough` ops.
    private func feedsRectifier(_ start: Int) -> Bool {
        var visited: Set<Int> = [start]
        var pending = [start]
        while let nodeIndex = pending.popLast() {
            for result in graph.nodes[nodeIndex].results {
                for use in uses[result.name] ?? [] where !visited.contains(use.node) {
                    let consumer = graph.nodes[use.node]
                    if use.operand == 0 && isRectifier(consumer) { return true }
                    let isNormalization = consumer.op == .batchNorm || consumer.op == .instanceNorm
                    if ParameterUsage.passThrough.contains(consumer.op) && (!isNormalization || use.operand == 0) {
                        visited.insert(use.node)
                        pending.append(use.node)
                    }
                }
            }
        }
        return false
    }

    private func isRectifier(_ node: Node) -> Bool {
        guard ParameterUsage.rectifiers.contains(node.op) else { return false }
        guard node.op == .clip else { return true }
        return (floatAttribute(node, "min") ?? -Double.infinity) >= 0
    }

    private func integerAttribute(_ node: Node, _ name: String) -> Int? {
        if case .int(let value)? = node.attributes[name] { return value }
        return nil
    }

    private func boolAttribute(_ node: Node, _ name: String) -> Bool? {
        if case .bool(let value)? = node.attributes[name] { return value }
        return nil
    }

    private func floatAttribute(_ node: Node, _ name: String) -> Double? {
        switch node.attributes[name] {
        case .float(let value)?: return value
        case .int(let value)?: return Double(value)
        default: return nil
        }
    }
}
