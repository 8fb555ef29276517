/// matmul with NumPy semantics (1-D operands promoted to a row or a column, batch axes
/// broadcast) as one `cblas_sgemm` per output matrix, or one in all when b has no batch: then
/// the batch of a folds into the rows of a single product.
struct MatmulKernel: Kernel {
    let name = "sgemm"
    let workspaceBytes = 0
    /// The product of one output matrix (or of all, folded).
    let product: MatrixProduct
    /// Per product, the element offset of its matrix of a.
    let leftOffsets: [Int]
    /// Per product, the element offset of its matrix of b.
    let rightOffsets: [Int]

    /// The kernel of a matmul request (f32 operands); throws a diagnostic at the node when the
    /// shapes do not fit, `nil` when they exceed OpenBLAS's 32-bit sizes.
    static func make(_ request: KernelRequest) throws -> MatmulKernel? {
        let a = request.operandShape(0), b = request.operandShape(1), y = request.resultShape(0)
        guard !a.isEmpty, !b.isEmpty, request.resultTypes.count == 1 else {
            throw request.error("matmul operands must have rank at least 1, found \(a) and \(b)")
        }
        let left = a.count == 1 ? [1] + a : a, right = b.count == 1 ? b + [1] : b
        let (rows, inner) = (left[left.count - 2], left[left.count - 1])
        let (innerB, columns) = (right[right.count - 2], right[right.count - 1])
        let leftBatch = Array(left.dropLast(2)), rightBatch = Array(right.dropLast(2))
        guard inner == innerB, let batch = broadcast(leftBatch, rightBatch),
              y == batch + (a.count > 1 ? [rows] : []) + (b.count > 1 ? [columns] : []) else {
            throw request.error("matmul of \(a) and \(b) does not give the result \(y)")
        }
        let batchCount = batch.reduce(1, *)
        guard MatrixProduct.fitsIndexRange(max(left.reduce(1, *), right.reduce(1, *), batchCount * rows * columns)) else {
            return nil
        }
        if rightBatch.reduce(1, *) == 1 {
            return MatmulKernel(product: MatrixProduct(rows: batchCount * rows, columns: columns, inner: inner),
                                leftOffsets: [0], rightOffsets: [0])
        }
        return MatmulKernel(product: MatrixProduct(rows: rows, columns: columns, inner: inner),
                            leftOffsets: matrixIndices(of: leftBatch, in: batch).map { $0 * rows * inner },
                            rightOffsets: matrixIndices(of: rightBatch, in: batch).map { $0 * inner * columns })
    }

    func run(_ buffers: KernelBuffers, context: KernelContext) {
        let a = buffers.floatInput(0), b = buffers.floatInput(1), y = buffers.floatOutput(0)
        let outputStride = product.rows * product.columns
        for index in leftOffsets.indices {
            product.run(a: a + leftOffsets[index], b: b + rightOffsets[index], c: y + index * outputStride)
        }
    }

    /// The NumPy broadcast of two batch shapes (aligned right), or `nil` if they do not broadcast.
    private static func broadcast(_ first: [Int], _ second: [Int]) -> [Int]? {
        let rank = max(first.count, second.count)
        let paddedFirst = Array(repeating: 1, count: rank - first.count) + first
        let paddedSecond = Array(repeating: 1, count: rank - second.count) + second
        var result: [Int] = []
        for (x, y) in zip(paddedFirst, paddedSecond) {
            guard x == y || x == 1 || y == 1 else { return nil }
            result.append(x == 1 ? y : x)
        }
        return result
    }

    /// For every matrix of the broadcast batch `outputBatch` (row-major), the index of the
    /// matrix of `batch` it reads.
    private static func matrixIndices(of batch: [Int], in outputBatch: [Int]) -> [Int] {
        let padded = Array(repeating: 1, count: outputBatch.count - batch.count) + batch
        var indices = [0]
        for (size, outputSize) in zip(padded, outputBatch) {
            indices = indices.flatMap { base in (0..<outputSize).map { base * size + (size == 1 ? 0 : $0) } }
        }
        return indices
    }
}
