import CNNIR

/// The part of a graph that gradients flow through: values that depend on the values being
/// differentiated with respect to (active) and that the loss depends on.
struct GradientPath {
    /// Values computed from the differentiated values (including themselves).
    private var active: Set<String>
    /// Values the loss is computed from (including the loss).
    private var reaching: Set<String>

    /// The path from `sources` to `loss` in `graph`.
    init(graph: Graph, from sources: Set<String>, to loss: String) {
        active = sources
        for node in graph.nodes where node.operands.contains(where: active.contains) {
            for result in node.results { active.insert(result.name) }
        }
        reaching = [loss]
        for node in graph.nodes.reversed() where node.results.contains(where: { reaching.contains($0.name) }) {
            for operand in node.operands { reaching.insert(operand) }
        }
    }

    /// Whether `value` depends on a differentiated value.
    func isActive(_ value: String) -> Bool { active.contains(value) && reaching.contains(value) }

    /// Whether the loss depends on `value` (for a differentiated value: whether it has a gradient).
    func reachesLoss(_ value: String) -> Bool { reaching.contains(value) }

    /// Whether gradients flow through `node`: an active operand and a result the loss needs.
    func contains(_ node: Node) -> Bool {
        node.operands.contains(where: isActive) && node.results.contains { reaching.contains($0.name) }
    }
}
