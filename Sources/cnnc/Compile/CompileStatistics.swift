import CNNIR
import CNNPasses
import CNNRuntime

/// What `cnnc compile --stats` prints: every layer of the prepared plan (op, kernel and why,
/// output shape, MACs), then the totals and the memory plan (arena next to the naive sum of
/// every intermediate tensor and workspace, and the planner's efficiency).
enum CompileStatistics {
    /// The report of `model` (prepared from the compiled graph).
    static func text(_ model: Model) -> String {
        let graph = model.graph
        let nodes = Dictionary(graph.nodes.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let costs = Dictionary(CostAnalysis.nodeCosts(of: graph).map { ($0.name, $0.multiplyAccumulates) },
                               uniquingKeysWith: { first, _ in first })
        var table = TextTable(header: ["layer", "op", "kernel", "output", "MACs", "why"],
                              alignments: [.left, .left, .left, .left, .right, .left])
        var opCounts: [String: Int] = [:]
        for layer in model.layers {
            let node = nodes[layer.node]
            let macs = costs[layer.node] ?? 0
            table.rows.append(["%" + layer.node, layer.op.rawValue, layer.kernel, layer.outputType.description,
                               macs > 0 ? Quantity.abbreviated(macs) : "-", node.map(reason) ?? ""])
            opCounts[layer.op.rawValue, default: 0] += 1
        }
        let memory = model.memory
        let totalMACs = costs.values.reduce(0, +)
        let ops = opCounts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        let summary = [
            "layers: \(model.layers.count) (\(ops))",
            "MACs: \(Quantity.exactAndAbbreviated(totalMACs))",
            "arena: \(Quantity.bytes(memory.arenaBytes)) (naive sum of intermediates and workspaces: \(Quantity.bytes(memory.naiveBytes)), "
                + "peak live: \(Quantity.bytes(memory.peakLiveBytes)))",
            "planner efficiency (peak live / arena): " + String(format: "%.3f", memory.efficiency),
        ]
        return table.text + "\n\n" + summary.joined(separator: "\n")
    }

    /// Why the layer of `node` runs as it does: the conv's kernel choice, or what it absorbed.
    private static func reason(_ node: Node) -> String {
        var parts: [String] = []
        if case .string(let why)? = node.attributes["algorithm_reason"], !why.isEmpty { parts.append(why) }
        if case .string(let sources)? = node.attributes["sources"], !sources.isEmpty { parts.append("fuses " + sources) }
        return parts.joined(separator: "; ")
    }
}
