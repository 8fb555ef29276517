import CNNIR
import CNNRuntime

/// How one ONNX op type becomes IR: a function of the node being lowered that returns the
/// imported value of each of its outputs (it may return fewer when the rest are unused).
typealias Lowering = @Sendable (NodeLowering) throws -> [ImportedValue]

/// Every ONNX op type cnnc imports, with its lowering. Each family contributes its own table.
enum Lowerings {
    /// The lowerings by ONNX op type, in the default domain.
    static let table: [String: Lowering] = [
        activations, arithmetic, convolutions, pooling, normalizations, reshaping, padding, resizing,
        slicing, reductions, shapeArithmetic, casts, composites, layerNormalizations, losses, elementGathering,
    ].reduce(into: [:]) { table, family in table.merge(family) { first, _ in first } }

    /// The lowerings of the other domains cnnc imports, by domain, then op type.
    static let domainTables: [String: [String: Lowering]] = [trainingDomain: training]

    /// The lowering of `opType` in `domain` ("" and "ai.onnx" name the default domain), or nil
    /// when cnnc does not import it.
    static func lowering(domain: String, opType: String) -> Lowering? {
        domain.isEmpty || domain == "ai.onnx" ? table[opType] : domainTables[domain]?[opType]
    }

    /// The ONNX op types cnnc imports, sorted.
    static var supportedOpTypes: [String] { table.keys.sorted() }

    /// The lowering of an op that becomes the IR op `irOp` on the node's first input, with the
    /// attributes `attributes` computes from the node.
    static func unary(_ irOp: OpKind, _ attributes: @escaping @Sendable (NodeLowering) throws -> Attributes = { _ in Attributes() }) -> Lowering {
        { lowering in [try lowering.emit1(irOp, [try lowering.input(0)], try attributes(lowering))] }
    }

    /// A scalar `value` of the element type of `like` (an operand a lowering adds).
    static func scalar(_ value: Double, like: ImportedValue, _ lowering: NodeLowering) throws -> ImportedValue {
        lowering.constant(try ConstantCast.cast(CNNRuntime.Tensor(scalar: value), to: try lowering.type(of: like).dtype), "scalar")
    }

    /// The lowering of an op that becomes the IR op `irOp` on all the node's inputs.
    static func variadic(_ irOp: OpKind) -> Lowering {
        { lowering in [try lowering.emit1(irOp, try lowering.givenInputs())] }
    }
}
