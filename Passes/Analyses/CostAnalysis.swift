import CNNIR

/// The compute cost of a graph in multiply-accumulates (MACs): one MAC is one multiplication
/// whose product is added to a running sum, the usual measure of a CNN's work.
///
/// The rule per op (named dimensions such as a batch `N` count as 1, so an unbound graph is
/// measured per unit of each named dimension):
/// - `conv`: N·C_out·Π(output spatial)·(C_in/groups)·Π(kernel), i.e. the output's element count
///   times the weight's element count per output channel;
/// - `conv_transpose`: N·C_in·Π(input spatial)·(C_out/groups)·Π(kernel);
/// - `conv_weight_grad`: as its conv, dy's element count times (C_in/groups)·Π(kernel);
/// - `gemm`: M·N·K;
/// - `matmul`: batch·M·N·K;
/// - every other op: 0.
///
/// Counts saturate at `Int.max` instead of overflowing.
public enum CostAnalysis {
    /// The multiply-accumulates of `node`, reading operand types from `types` (for example
    /// `Graph.valueTypes`). A node whose operand or result types are unknown counts 0: the
    /// figures are meant for verified graphs.
    public static func multiplyAccumulates(of node: Node, types: [String: TensorType]) -> Int {
        let operandShapes = node.operands.map { types[$0]?.shape }
        guard let result = node.results.first?.type.shape else { return 0 }
        switch node.op {
        case .conv, .fusedConv:
            guard operandShapes.count >= 2, let weight = operandShapes[1], weight.rank >= 1 else { return 0 }
            return SaturatingCount.product([elementCount(result), elementCount(weight.dimensions.dropFirst())])
        case .convTranspose:
            guard operandShapes.count >= 2, let input = operandShapes[0], let weight = operandShapes[1],
                  weight.rank >= 1 else { return 0 }
            return SaturatingCount.product([elementCount(input), elementCount(weight.dimensions.dropFirst())])
        case .convWeightGrad:
            guard operandShapes.count >= 2, let outputGradient = operandShapes[1] else { return 0 }
            return SaturatingCount.product([elementCount(outputGradient), elementCount(result.dimensions.dropFirst())])
        case .gemm:
            guard let a = operandShapes.first ?? nil, a.rank == 2 else { return 0 }
            let reducedAxis = node.attributes["trans_a"] == .bool(true) ? 0 : 1
            return SaturatingCount.product([elementCount(result), size(a[reducedAxis])])
        case .matmul:
            guard let a = operandShapes.first ?? nil, let reduced = a.dimensions.last else { return 0 }
            return SaturatingCount.product([elementCount(result), size(reduced)])
        default:
            return 0
        }
    }

    /// The multiply-accumulates of every node of `graph`, in node order.
    public static func nodeCosts(of graph: Graph) -> [NodeCost] {
        let types = graph.valueTypes
        return graph.nodes.map { node in
            NodeCost(name: node.name, op: node.op, multiplyAccumulates: multiplyAccumulates(of: node, types: types))
        }
    }

    /// The multiply-accumulates of the whole graph: the sum over its nodes.
    public static func totalMultiplyAccumulates(of graph: Graph) -> Int {
        SaturatingCount.sum(nodeCosts(of: graph).map(\.multiplyAccumulates))
    }

    /// The size of one dimension, a named one counting as 1.
    private static func size(_ dimension: Dimension) -> Int { dimension.fixedValue ?? 1 }

    /// The element count of a shape, a named dimension counting as 1.
    private static func elementCount(_ shape: Shape) -> Int { SaturatingCount.elementCount(of: shape) }

    /// The element count of some dimensions, a named one counting as 1.
    private static func elementCount(_ dimensions: ArraySlice<Dimension>) -> Int {
        SaturatingCount.product(dimensions.map(size))
    }
}

/// The cost of one node: its name (the name of its first result), its op, and its
/// multiply-accumulates.
public struct NodeCost: Equatable, Sendable {
    /// The node's name, without `%`.
    public var name: String
    /// The node's op.
    public var op: OpKind
    /// The node's multiply-accumulates (see `CostAnalysis`).
    public var multiplyAccumulates: Int

    /// Creates a node cost.
    public init(name: String, op: OpKind, multiplyAccumulates: Int) {
        self.name = name
        self.op = op
        self.multiplyAccumulates = multiplyAccumulates
    }
}
