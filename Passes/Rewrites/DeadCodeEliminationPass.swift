import CNNIR

/// `dce`: removes every node none of whose results reaches an output, and every parameter
/// (with its tensor) that no remaining node uses and the graph does not return.
///
/// Graph inputs stay even when unused: they are part of the graph's interface.
public struct DeadCodeEliminationPass: Pass {
    public let name = "dce"
    public let summary = "remove nodes whose results reach no output, and unused parameters with their weights"

    /// Creates the pass.
    public init() {}

    public func run(on unit: inout CompilationUnit) throws {
        var live = Set(unit.graph.outputs)
        var kept: [Node] = []
        for node in unit.graph.nodes.reversed() where node.results.contains(where: { live.contains($0.name) }) {
            live.formUnion(node.operands)
            kept.append(node)
        }
        unit.graph.nodes = kept.reversed()
        let unused = unit.graph.parameters.map(\.name).filter { !live.contains($0) }
        unit.graph.parameters.removeAll { !live.contains($0.name) }
        for name in unused { unit.weights[name] = nil }
    }
}
