/// Graphviz (`dot`) text of one or more graphs, each in a cluster of its own (`cnnc compile
/// --dump dot` shows a model before and after optimization side by side).
///
/// Each node is a box labelled with its name, op, result type and, for convs, the kernel the
/// compiler chose; a fused node also lists the source nodes it absorbed. Graph inputs are
/// ellipses, outputs double octagons; parameters are left out (their shapes are in the types).
public enum DotPrinter {
    /// The dot text of `graphs`, each with a cluster label.
    public static func print(_ graphs: [(label: String, graph: Graph)]) -> String {
        var lines = ["digraph cnnc {", "  rankdir=TB;", "  node [shape=box, fontname=\"Helvetica\", fontsize=10];"]
        for (index, entry) in graphs.enumerated() {
            lines += cluster(entry.graph, label: entry.label, prefix: "g\(index)_")
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    /// One graph's cluster; every id starts with `prefix`.
    private static func cluster(_ graph: Graph, label: String, prefix: String) -> [String] {
        var lines = ["  subgraph cluster_\(prefix.dropLast()) {", "    label=\(quoted(label + " (@" + graph.name + ")"));"]
        var producers: [String: String] = [:]
        for (index, input) in graph.inputs.enumerated() {
            let id = prefix + "in\(index)"
            producers[input.name] = id
            lines.append("    \(id) [shape=ellipse, label=\(quoted("%" + input.name + "\n" + input.type.description))];")
        }
        for (index, node) in graph.nodes.enumerated() {
            let id = prefix + "n\(index)"
            for result in node.results { producers[result.name] = id }
            lines.append("    \(id) [label=\(quoted(nodeLabel(node)))\(node.op == .fusedConv ? ", style=filled, fillcolor=\"#dde8f7\"" : "")];")
            for operand in Set(node.operands).sorted() {
                if let source = producers[operand] { lines.append("    \(source) -> \(id);") }
            }
        }
        for (index, output) in graph.outputs.enumerated() {
            let id = prefix + "out\(index)"
            lines.append("    \(id) [shape=doubleoctagon, label=\(quoted("return %" + output))];")
            if let source = producers[output] { lines.append("    \(source) -> \(id);") }
        }
        lines.append("  }")
        return lines
    }

    /// A node's label: name and op, the kernel for convs, what it absorbed, and its result type.
    private static func nodeLabel(_ node: Node) -> String {
        var parts = ["%" + node.name + " = " + node.op.rawValue]
        if case .string(let algorithm)? = node.attributes["algorithm"] { parts.append("kernel: " + algorithm) }
        if case .string(let activation)? = node.attributes["activation"] { parts.append("activation: " + activation) }
        if case .string(let sources)? = node.attributes["sources"], !sources.isEmpty { parts.append("fused: " + sources) }
        parts.append(node.results.map(\.type.description).joined(separator: ", "))
        return parts.joined(separator: "\n")
    }

    /// `text` as a dot string literal.
    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n") + "\""
    }
}
