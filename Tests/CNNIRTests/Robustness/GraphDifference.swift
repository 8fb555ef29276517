import CNNIR

/// Describes how two graphs differ, for failure messages of the round-trip tests; also compares
/// every floating-point number bit for bit, which `Graph ==` does not (`-0.0 == 0.0`).
enum GraphDifference {
    /// The first difference between `expected` and `actual`, or `nil` when they are equal and
    /// every number in their attributes has the same bits.
    static func describe(expected: Graph, actual: Graph) -> String? {
        if expected.name != actual.name { return "graph name \(quoted(expected.name)) became \(quoted(actual.name))" }
        if expected.weightsFile != actual.weightsFile { return "weights file \(String(describing: expected.weightsFile)) became \(String(describing: actual.weightsFile))" }
        if let difference = firstDifference("input", expected.inputs, actual.inputs) { return difference }
        if let difference = firstDifference("param", expected.parameters, actual.parameters) { return difference }
        if let difference = firstDifference("node", expected.nodes, actual.nodes) { return difference }
        if expected.outputs != actual.outputs { return "outputs \(expected.outputs) became \(actual.outputs)" }
        if floatBits(expected) != floatBits(actual) { return "a number changed its bits (for example -0.0 became 0.0)" }
        return nil
    }

    /// The bit patterns of every floating-point attribute value and literal element, in order.
    static func floatBits(_ graph: Graph) -> [UInt64] {
        graph.nodes.flatMap { node in
            node.attributes.sortedNames.flatMap { name -> [UInt64] in
                switch node.attributes[name] {
                case .float(let value): return [value.bitPattern]
                case .floats(let values): return values.map(\.bitPattern)
                case .tensor(let literal): return literal.doubles.map(\.bitPattern)
                default: return []
                }
            }
        }
    }

    /// The first position where the two lists differ, described.
    private static func firstDifference<Element: Equatable>(_ what: String, _ expected: [Element], _ actual: [Element]) -> String? {
        if expected.count != actual.count { return "\(expected.count) \(what)s became \(actual.count)" }
        guard let index = expected.indices.first(where: { expected[$0] != actual[$0] }) else { return nil }
        return "\(what) \(index) changed:\n  expected \(expected[index])\n  found    \(actual[index])"
    }

    private static func quoted(_ text: String) -> String { "\"\(text)\"" }
}
