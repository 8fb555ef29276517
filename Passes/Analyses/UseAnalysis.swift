import CNNIR

/// Where each value of a graph is used: by which nodes, in which operand positions, and whether
/// the graph returns it.
public struct UseAnalysis: Sendable {
    /// One use of a value as an operand.
    public struct OperandUse: Equatable, Sendable {
        /// The index of the using node in `Graph.nodes`.
        public var node: Int
        /// The operand position.
        public var position: Int

        /// Creates a use.
        public init(node: Int, position: Int) {
            self.node = node
            self.position = position
        }
    }

    /// The operand uses of each used value, in node order.
    public private(set) var operandUses: [String: [OperandUse]] = [:]
    /// How many times the graph returns each returned value.
    public private(set) var outputUses: [String: Int] = [:]

    /// The uses of every value of `graph`.
    public init(_ graph: Graph) {
        for (index, node) in graph.nodes.enumerated() {
            for (position, operand) in node.operands.enumerated() {
                operandUses[operand, default: []].append(OperandUse(node: index, position: position))
            }
        }
        for output in graph.outputs { outputUses[output, default: 0] += 1 }
    }

    /// The number of uses of `value`: operand positions plus returns.
    public func useCount(of value: String) -> Int {
        (operandUses[value]?.count ?? 0) + (outputUses[value] ?? 0)
    }

    /// The indices of the nodes that use `value`, each once, in order.
    public func users(of value: String) -> [Int] {
        var users: [Int] = []
        for use in operandUses[value] ?? [] where users.last != use.node { users.append(use.node) }
        return users
    }

    /// The values declared in `graph` (inputs, parameters, node results) that nothing uses or returns.
    public static func unusedValues(in graph: Graph) -> [String] {
        let uses = UseAnalysis(graph)
        let declared = graph.inputs.map(\.name) + graph.parameters.map(\.name) + graph.nodes.flatMap { $0.results.map(\.name) }
        return declared.filter { uses.useCount(of: $0) == 0 }
    }
}
