import CNNIR

/// `constant-fold`: replaces a node whose operands are all results of `constant` nodes by a
/// `constant` node holding its result, for the ops `LiteralEvaluator` computes (identity,
/// dropout, reshape, flatten, squeeze, unsqueeze, transpose, concat, add, sub, mul, div, neg,
/// cast), computed as the reference kernels compute them.
///
/// Folding repeats down the graph, so a chain of such nodes on constants becomes one constant.
/// Parameters are not folded (their values belong in the weights file, not in the IR text), nor
/// is a result larger than `maximumFoldedElements` unless it is no larger than its operands
/// together (a broadcast would otherwise inflate the text). Constants left unused are removed.
public struct ConstantFoldPass: Pass {
    public let name = "constant-fold"
    public let summary = "evaluate nodes whose operands are all constants (shape and arithmetic ops) into constants"

    /// The most elements a folded result may have when it is larger than its operands together.
    public static let maximumFoldedElements = 1 << 16

    /// Creates the pass.
    public init() {}

    public func run(on unit: inout CompilationUnit) throws {
        var rewriter = GraphRewriter(unit)
        var literals: [String: TensorLiteral] = [:]
        var operandProducers: Set<Int> = []
        for index in rewriter.nodeIndices {
            var node = rewriter.node(at: index)
            if node.op == .constant, case .tensor(let literal)? = node.attributes["value"], node.results.count == 1 {
                literals[node.results[0].name] = literal
                continue
            }
            let operands = node.operands.compactMap { literals[$0] }
            guard !operands.isEmpty, operands.count == node.operands.count,
                  let result = LiteralEvaluator.evaluate(node, operands: operands),
                  Self.isSmallEnough(result, comparedTo: operands) else { continue }
            operandProducers.formUnion(node.operands.compactMap(rewriter.producer))
            node.op = .constant
            node.operands = []
            node.attributes = ["value": .tensor(result)]
            rewriter.replaceNode(at: index, with: node)
            literals[node.results[0].name] = result
        }
        for index in operandProducers.sorted(by: >) { rewriter.removeNodeIfUnused(at: index) }
        unit = rewriter.unit
    }

    /// Whether `result` may replace a node whose operands are `operands`.
    static func isSmallEnough(_ result: TensorLiteral, comparedTo operands: [TensorLiteral]) -> Bool {
        let operandElements = operands.reduce(0) { $0 + $1.storage.count }
        return result.storage.count <= max(operandElements, maximumFoldedElements)
    }
}
