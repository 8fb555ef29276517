import CNNIR

/// Row-major offsets saying, for every element of a result, which element of a source it copies.
///
/// The reference kernels of the ops that only move elements (slice, split, expand, tile,
/// transpose, concat, where, depth_to_space, space_to_depth) compute such offsets from shapes
/// alone and then gather the elements, so they are exact in every element type.
enum IndexMapping {
    /// For every multi-index of `shape` (row-major), the sum over the axes of
    /// `axisOffsets[axis][index[axis]]`; `axisOffsets[axis]` has `shape[axis]` entries.
    static func offsets(shape: [Int], axisOffsets: [[Int]]) -> [Int] {
        var offsets: [Int] = []
        offsets.reserveCapacity(shape.reduce(1, *))
        forEachIndex(in: shape) { index in
            var offset = 0
            for axis in index.indices { offset += axisOffsets[axis][index[axis]] }
            offsets.append(offset)
        }
        return offsets
    }

    /// The shape of a source of shape `source` with its axes reordered (result axis `i` is
    /// source axis `permutation[i]`), and the source offset of each result element.
    static func permutation(of source: [Int], _ permutation: [Int]) -> (shape: [Int], offsets: [Int]) {
        let strides = rowMajorStrides(source)
        let shape = permutation.map { source[$0] }
        let axisOffsets = permutation.map { axis in (0..<source[axis]).map { $0 * strides[axis] } }
        return (shape, offsets(shape: shape, axisOffsets: axisOffsets))
    }

    /// The source offset of every element of `target` when a source of shape `source` is
    /// broadcast to it (unidirectionally: `source` aligned right, each size equal to the
    /// target's or 1); throws a `Diagnostic` when it does not broadcast.
    static func broadcast(from source: [Int], to target: [Int]) throws -> [Int] {
        let leading = target.count - source.count
        guard leading >= 0 else {
            throw Diagnostic("shape \(describe(source)) does not broadcast to \(describe(target))")
        }
        let strides = rowMajorStrides(source)
        let axisOffsets = try target.indices.map { axis -> [Int] in
            guard axis >= leading else { return Array(repeating: 0, count: target[axis]) }
            let size = source[axis - leading]
            guard size == target[axis] || size == 1 else {
                throw Diagnostic("shape \(describe(source)) does not broadcast to \(describe(target))")
            }
            return (0..<target[axis]).map { size == 1 ? 0 : $0 * strides[axis - leading] }
        }
        return offsets(shape: target, axisOffsets: axisOffsets)
    }
}

extension TensorStorage {
    /// The storage whose element `i` is element `offsets[i]` of this one (every offset in range).
    func gathering(_ offsets: [Int]) -> TensorStorage {
        switch self {
        case .f32(let elements): return .f32(offsets.map { elements[$0] })
        case .f64(let elements): return .f64(offsets.map { elements[$0] })
        case .i64(let elements): return .i64(offsets.map { elements[$0] })
        case .bool(let elements): return .bool(offsets.map { elements[$0] })
        }
    }

    /// The elements of `parts` one after the other; throws a `Diagnostic` unless all parts have
    /// one element type. `parts` must not be empty.
    static func joined(_ parts: [TensorStorage]) throws -> TensorStorage {
        let dtypes = parts.map(\.dtype)
        guard let first = dtypes.first, dtypes.allSatisfy({ $0 == first }) else {
            throw Diagnostic("operands must share one element type, found \(dtypes.map(\.rawValue).joined(separator: ", "))")
        }
        switch first {
        case .f32: return .f32(parts.flatMap { Float.elements(of: $0) ?? [] })
        case .f64: return .f64(parts.flatMap { Double.elements(of: $0) ?? [] })
        case .i64: return .i64(parts.flatMap { Int64.elements(of: $0) ?? [] })
        case .bool: return .bool(parts.flatMap { Bool.elements(of: $0) ?? [] })
        }
    }
}

extension Tensor {
    /// The tensor of `shape` whose element `i` is element `offsets[i]` of this one, exactly.
    func gathering(_ offsets: [Int], shape: [Int]) throws -> Tensor {
        try Tensor(shape: shape, storage: storage.gathering(offsets))
    }
}
