import CNNIR

/// `cse`: when two nodes apply the same op to the same operands with the same attributes and
/// result types, the later one is removed and its uses take the earlier one's results.
///
/// Every op of the IR is a pure function of its operands and attributes, except the ops in
/// `excludedOps`, which are never merged. When both nodes' results are returned, both stay.
public struct CommonSubexpressionEliminationPass: Pass {
    public let name = "cse"
    public let summary = "merge nodes that apply the same op to the same operands with the same attributes"

    /// Ops never merged: `dropout` draws random masks when a graph is run for training.
    public static let excludedOps: Set<OpKind> = [.dropout]

    /// What two nodes must share to be compared in full.
    private struct Signature: Hashable {
        var op: OpKind
        var operands: [String]
        var resultTypes: [TensorType]
        var attributeNames: [String]
    }

    /// Creates the pass.
    public init() {}

    public func run(on unit: inout CompilationUnit) throws {
        var rewriter = GraphRewriter(unit)
        while mergeDuplicates(&rewriter) {}
        unit = rewriter.unit
    }

    /// One sweep over the nodes, merging each into an equal earlier one; returns whether any was.
    private func mergeDuplicates(_ rewriter: inout GraphRewriter) -> Bool {
        var seen: [Signature: [Int]] = [:]
        var changed = false
        for index in rewriter.nodeIndices where !Self.excludedOps.contains(rewriter.node(at: index).op) {
            let node = rewriter.node(at: index)
            let attributes = Self.canonical(node)
            let signature = Signature(op: node.op, operands: node.operands, resultTypes: node.results.map(\.type),
                                      attributeNames: attributes.sortedNames)
            let candidates = seen[signature] ?? []
            if let match = candidates.first(where: { Self.canonical(rewriter.node(at: $0)) == attributes }),
               rewriter.bypassNode(at: index, with: rewriter.node(at: match).results.map(\.name)) {
                changed = true
                continue
            }
            seen[signature] = candidates + [index]
        }
        return changed
    }

    /// The node's attributes in canonical form (defaults dropped), or as stored if they do not normalize.
    private static func canonical(_ node: Node) -> Attributes {
        (try? node.op.schema.normalize(node.attributes)) ?? node.attributes
    }
}
