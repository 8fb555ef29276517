import CNNIR

/// The NumPy broadcast of two shapes: aligned at the right, each pair of sizes equal or one of
/// them 1. Throws a `Diagnostic` naming both shapes when they do not broadcast.
func broadcastShape(_ a: [Int], _ b: [Int]) throws -> [Int] {
    let rank = max(a.count, b.count)
    let paddedA = Array(repeating: 1, count: rank - a.count) + a
    let paddedB = Array(repeating: 1, count: rank - b.count) + b
    return try zip(paddedA, paddedB).map { sizeA, sizeB in
        if sizeA == sizeB || sizeB == 1 { return sizeA }
        if sizeA == 1 { return sizeB }
        throw Diagnostic("shapes \(describe(a)) and \(describe(b)) do not broadcast")
    }
}

/// For every element (in row-major order) of an array of shape `target`, the row-major offset
/// of the element of an array of shape `source` that broadcasting maps to it.
///
/// `source` must broadcast to `target` without changing `target` (unidirectional broadcasting:
/// its rank is at most the target's, and each of its sizes, aligned at the right, equals the
/// target's or is 1); otherwise a `Diagnostic` is thrown.
func broadcastOffsets(from source: [Int], to target: [Int]) throws -> [Int] {
    let leading = target.count - source.count
    guard leading >= 0 else {
        throw Diagnostic("shape \(describe(source)) does not broadcast to \(describe(target))")
    }
    let sourceStrides = rowMajorStrides(source)
    var strides = Array(repeating: 0, count: target.count)
    for axis in source.indices {
        let size = source[axis]
        guard size == target[leading + axis] || size == 1 else {
            throw Diagnostic("shape \(describe(source)) does not broadcast to \(describe(target))")
        }
        strides[leading + axis] = size == 1 ? 0 : sourceStrides[axis]
    }
    var offsets: [Int] = []
    offsets.reserveCapacity(target.reduce(1, *))
    forEachIndex(in: target) { index in
        var offset = 0
        for axis in index.indices { offset += index[axis] * strides[axis] }
        offsets.append(offset)
    }
    return offsets
}

/// `source` expanded to `target` by unidirectional broadcasting (see `broadcastOffsets`).
func broadcast(_ source: ReferenceArray, to target: [Int]) throws -> ReferenceArray {
    let offsets = try broadcastOffsets(from: source.shape, to: target)
    return ReferenceArray(shape: target, values: offsets.map { source.values[$0] })
}

/// `combine` applied element by element to `a` and `b` broadcast to their common shape.
func broadcastElementwise(_ a: ReferenceArray, _ b: ReferenceArray,
                          _ combine: (Double, Double) -> Double) throws -> ReferenceArray {
    let shape = try broadcastShape(a.shape, b.shape)
    let expandedA = try broadcast(a, to: shape), expandedB = try broadcast(b, to: shape)
    return ReferenceArray(shape: shape, values: zip(expandedA.values, expandedB.values).map(combine))
}
