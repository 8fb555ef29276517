import CNNIR

/// The figures `cnnc check` reports for a graph: how many nodes of each op, how many parameters,
/// and how many multiply-accumulates one run takes.
///
/// Parameters are counted as deep-learning frameworks count them: the running mean and variance
/// of `batch_norm` are statistics, not learned weights, and are counted apart (a parameter is a
/// statistic when every use of it is as a `batch_norm` mean or variance).
///
/// Named dimensions still unbound (see `Graph.binding`) count as 1 in every figure and are listed
/// in `unboundDimensions`; all counts saturate at `Int.max` instead of overflowing.
public struct GraphSummary: Equatable, Sendable {
    /// The graph's name, without `@`.
    public var name: String
    /// The number of nodes.
    public var nodeCount: Int
    /// The number of nodes of each op that occurs in the graph.
    public var opCounts: [OpKind: Int]
    /// The number of parameter tensors.
    public var parameterTensorCount: Int
    /// The number of learned parameter elements (every parameter element that is not a statistic).
    public var parameterCount: Int
    /// The number of parameter elements that are `batch_norm` running means and variances.
    public var statisticCount: Int
    /// The multiply-accumulates of one run of the graph (see `CostAnalysis`).
    public var multiplyAccumulates: Int
    /// The named dimensions that occur in the graph's types, in order of first appearance.
    public var unboundDimensions: [String]

    /// Summarizes `graph`.
    public init(of graph: Graph) {
        name = graph.name
        nodeCount = graph.nodes.count
        opCounts = graph.nodes.reduce(into: [:]) { counts, node in counts[node.op, default: 0] += 1 }
        parameterTensorCount = graph.parameters.count
        let statistics = GraphSummary.statisticNames(of: graph)
        let sizes = graph.parameters.map { (name: $0.name, count: SaturatingCount.elementCount(of: $0.type.shape)) }
        parameterCount = SaturatingCount.sum(sizes.filter { !statistics.contains($0.name) }.map(\.count))
        statisticCount = SaturatingCount.sum(sizes.filter { statistics.contains($0.name) }.map(\.count))
        multiplyAccumulates = CostAnalysis.totalMultiplyAccumulates(of: graph)
        unboundDimensions = GraphSummary.namedDimensions(of: graph)
    }

    /// The op counts, most frequent first, ties in op-name order.
    public var opCountsByFrequency: [(op: OpKind, count: Int)] {
        opCounts.map { (op: $0.key, count: $0.value) }.sorted { lhs, rhs in
            lhs.count != rhs.count ? lhs.count > rhs.count : lhs.op.rawValue < rhs.op.rawValue
        }
    }

    /// The named dimensions of every declared type of `graph` (inputs, parameters, results), in
    /// order of first appearance.
    public static func namedDimensions(of graph: Graph) -> [String] {
        let declarations = graph.inputs + graph.parameters + graph.nodes.flatMap(\.results)
        var names: [String] = []
        for declaration in declarations {
            for name in declaration.type.shape.symbolNames where !names.contains(name) { names.append(name) }
        }
        return names
    }

    /// The parameters of `graph` whose every use is as a `batch_norm` running mean or variance
    /// (operands 4 and 5).
    public static func statisticNames(of graph: Graph) -> Set<String> {
        let parameterNames = Set(graph.parameters.map(\.name))
        var statistics: Set<String> = []
        var otherUses: Set<String> = []
        for node in graph.nodes {
            for (position, operand) in node.operands.enumerated() where parameterNames.contains(operand) {
                if node.op == .batchNorm && (position == 3 || position == 4) {
                    statistics.insert(operand)
                } else {
                    otherUses.insert(operand)
                }
            }
        }
        return statistics.subtracting(otherUses)
    }
}
