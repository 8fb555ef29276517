import CNNIR
import CNNRuntime

/// Evaluates at import an IR op whose operands are all known: element-moving ops on element
/// positions (`ElementShuffle`), the others with the reference kernels.
enum ConstantFolding {
    /// The results of `op` on `operands`, or nil when they cannot be computed at import (an
    /// operand is computed by the graph, or a vector of named dimensions meets arithmetic).
    static func fold(_ op: OpKind, _ operands: [ImportedValue], attributes: Attributes, resultCount: Int,
                     assembly: GraphAssembly, name: String) throws -> [ImportedValue]? {
        var tensors: [CNNRuntime.Tensor] = []
        var symbolic = false
        for operand in operands {
            switch operand {
            case .constant(let constant): tensors.append(constant.tensor)
            case .symbolic: symbolic = true
            case .value, .unavailable, .invalid: return nil
            }
        }
        if ElementShuffle.ops.contains(op) {
            return try shuffled(op, operands, attributes: attributes, resultCount: resultCount, assembly: assembly, name: name)
        }
        guard !symbolic, ReferenceKernels.supports(op) else { return nil }
        let results = try ReferenceKernels.evaluate(op, operands: tensors, attributes: attributes, resultCount: resultCount)
        return results.map { .constant(assembly.constant($0, name: assembly.names.derived(from: name, op.rawValue))) }
    }

    /// An element-moving op on known operands, some of which may hold named dimensions.
    private static func shuffled(_ op: OpKind, _ operands: [ImportedValue], attributes: Attributes, resultCount: Int,
                                 assembly: GraphAssembly, name: String) throws -> [ImportedValue] {
        let shapes = operands.map { operand -> [Int] in
            switch operand {
            case .constant(let constant): return constant.tensor.shape
            case .symbolic(let symbolic): return symbolic.shape
            case .value, .unavailable, .invalid: return []
            }
        }
        let results = try ElementShuffle.positions(op, shapes: shapes, attributes: attributes, resultCount: resultCount)
        let constants = operands.compactMap(\.constant)
        if constants.count == operands.count {
            return try results.map { result in
                let tensor = try ElementShuffle.gather(constants.map(\.tensor), positions: result.positions, shape: result.shape)
                return .constant(assembly.constant(tensor, name: assembly.names.derived(from: name, op.rawValue)))
            }
        }
        var elements: [Dimension] = []
        for operand in operands {
            switch operand {
            case .symbolic(let symbolic): elements += symbolic.elements
            case .constant(let constant):
                guard constant.tensor.dtype == .i64 else {
                    throw Diagnostic("\(op) mixes named dimensions with \(constant.tensor.dtype) values")
                }
                elements += try constant.tensor.elements(as: Int64.self).map { .fixed(Int($0)) }
            case .value, .unavailable, .invalid: break
            }
        }
        return results.map { result in
            let symbolic = SymbolicInts(elements: result.positions.map { elements[$0] }, shape: result.shape)
            return SymbolicShapes.value(symbolic, assembly: assembly, name: assembly.names.derived(from: name, op.rawValue))
        }
    }
}
