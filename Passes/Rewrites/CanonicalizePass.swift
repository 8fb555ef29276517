import CNNIR

/// `canonicalize`: removes nodes that compute nothing at inference and merges chains of
/// data-movement nodes, until no rule applies.
///
/// Rules:
/// - `identity` and `dropout` (inference) are removed: their uses take their operand.
/// - A `reshape`, `flatten`, `squeeze` or `unsqueeze`, or a `pad` or a one-operand `concat`,
///   whose result has its operand's type is removed (same shape, same row-major elements).
/// - A `reshape`, `flatten`, `squeeze` or `unsqueeze` of another of these becomes one `reshape`
///   of the first one's operand (named dimensions are copied with 0 or inferred with -1).
/// - A `transpose` whose permutation is the identity is removed; a `transpose` of a `transpose`
///   becomes one `transpose` with the composed permutation (removed if that is the identity).
///
/// A node whose result is returned and whose operand is a graph input, a parameter or
/// returned too stays (removing it would rename an output). A merged-away node is removed when
/// nothing else uses it.
public struct CanonicalizePass: Pass {
    public let name = "canonicalize"
    public let summary = "remove identity, dropout and no-op data movement; merge reshape and transpose chains"

    /// The ops that only reinterpret the shape of their operand.
    static let reshapingOps: Set<OpKind> = [.reshape, .flatten, .squeeze, .unsqueeze]

    /// Creates the pass.
    public init() {}

    public func run(on unit: inout CompilationUnit) throws {
        var rewriter = GraphRewriter(unit)
        var changed = true
        while changed {
            changed = false
            for index in rewriter.nodeIndices where !rewriter.isRemoved(index) {
                if simplify(at: index, &rewriter) { changed = true }
            }
        }
        unit = rewriter.unit
    }

    /// Applies the first rule that fits the node at `index`; returns whether the graph changed.
    private func simplify(at index: Int, _ rewriter: inout GraphRewriter) -> Bool {
        let node = rewriter.node(at: index)
        guard node.results.count == 1, let operand = node.operands.first,
              let operandType = rewriter.type(of: operand) else { return false }
        let resultType = node.results[0].type
        switch node.op {
        case .identity, .dropout:
            return rewriter.bypassNode(at: index, with: [operand])
        case .reshape, .flatten, .squeeze, .unsqueeze:
            if resultType == operandType { return rewriter.bypassNode(at: index, with: [operand]) }
            return mergeReshape(at: index, &rewriter)
        case .pad where resultType == operandType, .concat where node.operands.count == 1:
            return rewriter.bypassNode(at: index, with: [operand])
        case .transpose:
            return simplifyTranspose(at: index, &rewriter)
        default:
            return false
        }
    }

    /// Merges a reshaping node whose operand comes from another reshaping node into one reshape.
    private func mergeReshape(at index: Int, _ rewriter: inout GraphRewriter) -> Bool {
        var node = rewriter.node(at: index)
        guard let inner = rewriter.producer(of: node.operands[0]), Self.reshapingOps.contains(rewriter.node(at: inner).op),
              let source = rewriter.node(at: inner).operands.first, let sourceType = rewriter.type(of: source) else { return false }
        let resultType = node.results[0].type
        if sourceType == resultType, rewriter.bypassNode(at: index, with: [source]) {
            rewriter.removeNodeIfUnused(at: inner)
            return true
        }
        guard let shape = ReshapeAttribute.shape(from: sourceType, to: resultType) else { return false }
        node.op = .reshape
        node.operands = [source]
        node.attributes = ["shape": .ints(shape)]
        rewriter.replaceNode(at: index, with: node)
        rewriter.removeNodeIfUnused(at: inner)
        return true
    }

    /// Removes an identity transpose, or composes a transpose of a transpose.
    private func simplifyTranspose(at index: Int, _ rewriter: inout GraphRewriter) -> Bool {
        var node = rewriter.node(at: index)
        let rank = node.results[0].type.rank
        guard let perm = node.transposePermutation(rank: rank) else { return false }
        if perm == Array(0..<rank) { return rewriter.bypassNode(at: index, with: [node.operands[0]]) }
        guard let inner = rewriter.producer(of: node.operands[0]),
              let innerPerm = rewriter.node(at: inner).transposePermutation(rank: rank) else { return false }
        let source = rewriter.node(at: inner).operands[0]
        let composed = perm.map { innerPerm[$0] }
        if composed == Array(0..<rank), rewriter.bypassNode(at: index, with: [source]) {
            rewriter.removeNodeIfUnused(at: inner)
            return true
        }
        node.operands = [source]
        node.attributes = ["perm": .ints(composed)]
        rewriter.replaceNode(at: index, with: node)
        rewriter.removeNodeIfUnused(at: inner)
        return true
    }
}
