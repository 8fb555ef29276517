import CNNIR

/// Computes the result of a node whose operands are all tensor literals, for the ops that
/// occur on constants in CNN graphs (shape arithmetic, exported constant subgraphs): identity,
/// dropout, reshape, flatten, squeeze, unsqueeze, transpose and concat (any dtype), add, sub,
/// mul, div and neg (floating or i64, see `LiteralArithmetic`), and cast (see `LiteralCast`).
enum LiteralEvaluator {
    /// The ops `evaluate` computes.
    static let supportedOps: Set<OpKind> = [
        .identity, .dropout, .reshape, .flatten, .squeeze, .unsqueeze, .transpose, .concat,
        .add, .sub, .mul, .div, .neg, .cast,
    ]

    /// The literal `node` computes from `operands`, or nil when the op is not supported, the
    /// result type is not static, or an operand does not fit the node's declared types.
    static func evaluate(_ node: Node, operands: [TensorLiteral]) -> TensorLiteral? {
        guard supportedOps.contains(node.op), node.results.count == 1, let type = node.results.first?.type,
              let shape = type.shape.fixedSizes, !operands.isEmpty else { return nil }
        let operandShapes = operands.compactMap(\.type.shape.fixedSizes)
        guard operandShapes.count == operands.count else { return nil }
        let storage: TensorLiteral.Storage?
        switch node.op {
        case .add, .sub, .mul, .div:
            storage = LiteralArithmetic.binary(node.op, operands, operandShapes, into: shape, type.dtype)
        case .neg:
            storage = LiteralArithmetic.negated(operands[0])
        case .cast:
            storage = LiteralCast.converted(operands[0], to: type.dtype)
        case .transpose:
            guard let perm = node.transposePermutation(rank: shape.count), perm.count == operandShapes[0].count else { return nil }
            storage = gather(operands[0].storage, ElementIndexing.transpose(operandShapes[0], perm: perm))
        case .concat:
            storage = concatenate(node, operands, operandShapes)
        default:
            storage = operands[0].storage
        }
        guard let storage, storage.count == shape.reduce(1, *) else { return nil }
        return TensorLiteral(type: type, storage: storage)
    }

    /// The elements of `storage` at `indices`, in order.
    private static func gather(_ storage: TensorLiteral.Storage, _ indices: [Int]) -> TensorLiteral.Storage? {
        guard indices.allSatisfy({ $0 >= 0 && $0 < storage.count }) else { return nil }
        switch storage {
        case .floating(let values): return .floating(indices.map { values[$0] })
        case .integer(let values): return .integer(indices.map { values[$0] })
        }
    }

    /// The concatenation of `operands` along the node's axis.
    private static func concatenate(_ node: Node, _ operands: [TensorLiteral], _ shapes: [[Int]]) -> TensorLiteral.Storage? {
        guard let given = ResolvedAttributes(node)?.int("axis"), let rank = shapes.first?.count,
              (-rank..<rank).contains(given), shapes.allSatisfy({ $0.count == rank }) else { return nil }
        let axis = given < 0 ? given + rank : given
        let sources = ElementIndexing.concat(shapes, axis: axis)
        switch operands[0].storage {
        case .floating:
            let values = operands.map(\.doubles)
            return .floating(sources.map { values[$0.operand][$0.index] })
        case .integer:
            let values = operands.compactMap(\.integers)
            guard values.count == operands.count else { return nil }
            return .integer(sources.map { values[$0.operand][$0.index] })
        }
    }
}
