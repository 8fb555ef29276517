import CNNIR
import CNNRuntime

/// Ops that only move elements (reshapes, transposes, concatenation, slicing, tiling), evaluated
/// at import on element positions rather than on values: the op runs on tensors holding each
/// element's position, and the result's positions pick the elements. That is exact for every
/// element type (i64 values beyond 2^53, booleans) and works for vectors of named dimensions.
enum ElementShuffle {
    /// The IR ops that only move elements.
    static let ops: Set<OpKind> = [.identity, .dropout, .reshape, .flatten, .squeeze, .unsqueeze, .transpose, .concat,
                                   .slice, .split, .tile, .expand, .depthToSpace, .spaceToDepth]

    /// The element-moving ops whose results hold no more elements than their operands (all but
    /// tile and expand): safe to compute at import whatever the sizes.
    static let sizeKeepingOps: Set<OpKind> = ops.subtracting([.tile, .expand])

    /// The positions each result of `op` takes its elements from: operand `i`'s element `j` is
    /// position `offset_i + j`, offsets counting the operands' elements in order.
    static func positions(_ op: OpKind, shapes: [[Int]], attributes: Attributes, resultCount: Int) throws -> [(positions: [Int], shape: [Int])] {
        var offset = 0
        var operands: [CNNRuntime.Tensor] = []
        for shape in shapes {
            let count = try CNNRuntime.Tensor.elementCount(of: shape)
            operands.append(try CNNRuntime.Tensor(shape: shape, elements: (0..<count).map { Double(offset + $0) }))
            offset += count
        }
        return try ReferenceKernels.evaluate(op, operands: operands, attributes: attributes, resultCount: resultCount).map { result in
            (result.doubles.map { Int($0) }, result.shape)
        }
    }

    /// The tensor of `shape` whose elements are those of `sources` (concatenated in order) at `positions`.
    static func gather(_ sources: [CNNRuntime.Tensor], positions: [Int], shape: [Int]) throws -> CNNRuntime.Tensor {
        guard let dtype = sources.first?.dtype, sources.allSatisfy({ $0.dtype == dtype }) else {
            throw Diagnostic("the operands must share one element type, found \(sources.map(\.dtype.rawValue).joined(separator: ", "))")
        }
        let width = dtype.byteSize
        let bytes = try sources.flatMap { try WeightTensor($0).bytes }
        var result: [UInt8] = []
        result.reserveCapacity(positions.count * width)
        for position in positions { result.append(contentsOf: bytes[(position * width)..<((position + 1) * width)]) }
        return try CNNRuntime.Tensor(WeightTensor(dtype: dtype, shape: shape, bytes: result))
    }
}
