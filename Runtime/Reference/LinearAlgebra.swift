import CNNIR

extension ReferenceKernels {
    /// gemm and matmul.
    static let linearAlgebraKernels: [OpKind: ReferenceKernel] = [
        .gemm: ReferenceKernel { try gemm($0) },
        .matmul: ReferenceKernel { try matmul($0) },
    ]
}

/// gemm: `y = alpha * op(a) · op(b) + beta * c`, where `op` transposes when `trans_a` /
/// `trans_b` is set, op(a) is `[M, K]`, op(b) `[K, N]`, and c (optional) broadcasts
/// unidirectionally to `[M, N]`.
private func gemm(_ invocation: ReferenceInvocation) throws -> ReferenceArray {
    let a = try invocation.array(0), b = try invocation.array(1), c = invocation.optionalArray(2)
    guard a.rank == 2, b.rank == 2 else {
        throw Diagnostic("a and b must be matrices, found shapes \(describe(a.shape)) and \(describe(b.shape))")
    }
    let left = try invocation.bool("trans_a") ? permuted(a, [1, 0]) : a
    let right = try invocation.bool("trans_b") ? permuted(b, [1, 0]) : b
    let alpha = try invocation.double("alpha"), beta = try invocation.double("beta")
    var y = try multiply(left, right)
    if let c {
        let addend = try broadcast(c, to: y.shape)
        y.values = zip(y.values, addend.values).map { alpha * $0 + beta * $1 }
    } else {
        y.values = y.values.map { alpha * $0 }
    }
    return y
}

/// matmul with NumPy semantics: a 1-D a is a row `[1, K]` and a 1-D b a column `[K, 1]` (the
/// added axis is removed from the result); axes before the last two broadcast.
private func matmul(_ invocation: ReferenceInvocation) throws -> ReferenceArray {
    let a = try invocation.array(0), b = try invocation.array(1)
    guard a.rank >= 1, b.rank >= 1 else { throw Diagnostic("matmul operands must have rank at least 1") }
    let aShape = a.rank == 1 ? [1] + a.shape : a.shape
    let bShape = b.rank == 1 ? b.shape + [1] : b.shape
    let (rows, inner) = (aShape[aShape.count - 2], aShape[aShape.count - 1])
    let (bInner, columns) = (bShape[bShape.count - 2], bShape[bShape.count - 1])
    guard inner == bInner else {
        throw Diagnostic("inner dimensions differ: \(describe(a.shape)) · \(describe(b.shape))")
    }
    let aBatch = Array(aShape.dropLast(2)), bBatch = Array(bShape.dropLast(2))
    let batch = try broadcastShape(aBatch, bBatch)
    let aMatrices = try IndexMapping.broadcast(from: aBatch, to: batch), bMatrices = try IndexMapping.broadcast(from: bBatch, to: batch)
    var values: [Double] = []
    for (aMatrix, bMatrix) in zip(aMatrices, bMatrices) {
        let left = ReferenceArray(shape: [rows, inner], values: Array(a.values[(aMatrix * rows * inner)..<((aMatrix + 1) * rows * inner)]))
        let right = ReferenceArray(shape: [inner, columns], values: Array(b.values[(bMatrix * inner * columns)..<((bMatrix + 1) * inner * columns)]))
        values += try multiply(left, right).values
    }
    var shape = batch
    if a.rank > 1 { shape.append(rows) }
    if b.rank > 1 { shape.append(columns) }
    return ReferenceArray(shape: shape, values: values)
}

/// The product of an `[M, K]` and a `[K, N]` matrix.
private func multiply(_ a: ReferenceArray, _ b: ReferenceArray) throws -> ReferenceArray {
    let (rows, inner, columns) = (a.shape[0], a.shape[1], b.shape[1])
    guard b.shape[0] == inner else {
        throw Diagnostic("inner dimensions differ: [\(rows),\(inner)] · \(describe(b.shape))")
    }
    var y = ReferenceArray(shape: [rows, columns])
    for row in 0..<rows {
        for column in 0..<columns {
            var sum = 0.0
            for k in 0..<inner { sum += a.values[row * inner + k] * b.values[k * columns + column] }
            y.values[row * columns + column] = sum
        }
    }
    return y
}
