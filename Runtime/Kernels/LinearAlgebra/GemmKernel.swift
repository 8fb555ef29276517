/// gemm: `Y = alpha·op(A)·op(B) + beta·C` as one `cblas_sgemm`, or, for one row of A times a
/// transposed B (a classifier at batch 1), as dot products (`RowVectorProduct`). C, broadcast to
/// `[M, N]` and scaled by beta, is written into Y first and the product accumulates onto it
/// (beta = 1), so C costs no extra pass over Y.
struct GemmKernel: Kernel {
    var name: String { rowVector == nil ? "sgemm" : "gemv" }
    let workspaceBytes = 0
    /// The product, with beta 1 when there is a C and 0 otherwise.
    let product: MatrixProduct
    /// The dot-product form, when A has one row and B is stored transposed.
    let rowVector: RowVectorProduct?
    /// How C broadcasts to `[M, N]`, when the node has a C.
    let addend: Addend?

    /// C of shape `[rows, columns]` with `rows` 1 or M and `columns` 1 or N, scaled by `beta`.
    struct Addend: Sendable {
        let rows: Int
        let columns: Int
        let beta: Float

        /// Writes `beta·C` broadcast to the `outputRows × outputColumns` matrix `y`.
        func write(_ c: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, outputRows: Int, outputColumns: Int) {
            for row in 0..<outputRows {
                let source = c + (rows == 1 ? 0 : row * columns), destination = y + row * outputColumns
                if columns == 1 {
                    destination.update(repeating: beta * source[0], count: outputColumns)
                } else {
                    for column in 0..<outputColumns { destination[column] = beta * source[column] }
                }
            }
        }
    }

    /// The kernel of a gemm request (f32 operands); throws a diagnostic at the node when the
    /// shapes do not fit, `nil` when they exceed OpenBLAS's 32-bit sizes.
    static func make(_ request: KernelRequest) throws -> GemmKernel? {
        let a = request.operandShape(0), b = request.operandShape(1), y = request.resultShape(0)
        guard a.count == 2, b.count == 2, y.count == 2, request.resultTypes.count == 1 else {
            throw request.error("a, b and the result must be matrices, found \(a), \(b) and \(y)")
        }
        let (transposeA, transposeB) = (try request.boolAttribute("trans_a"), try request.boolAttribute("trans_b"))
        let (rows, inner) = transposeA ? (a[1], a[0]) : (a[0], a[1])
        let (innerB, columns) = transposeB ? (b[1], b[0]) : (b[0], b[1])
        guard inner == innerB, y == [rows, columns] else {
            throw request.error("op(a) \(rows)×\(inner) · op(b) \(innerB)×\(columns) does not give the result \(y)")
        }
        var addend: Addend?
        if request.operandTypes.count > 2 {
            let c = request.operandShape(2)
            let cRows = c.count == 2 ? c[0] : 1, cColumns = c.last ?? 1
            guard c.count <= 2, cRows == 1 || cRows == rows, cColumns == 1 || cColumns == columns else {
                throw request.error("c \(c) does not broadcast to [\(rows), \(columns)]")
            }
            addend = Addend(rows: cRows, columns: cColumns, beta: Float(try request.doubleAttribute("beta")))
        }
        guard MatrixProduct.fitsIndexRange(max(a[0] * a[1], b[0] * b[1], rows * columns)) else { return nil }
        let product = MatrixProduct(rows: rows, columns: columns, inner: inner, transposeA: transposeA, transposeB: transposeB,
                                    alpha: Float(try request.doubleAttribute("alpha")), beta: addend == nil ? 0 : 1)
        let rowVector = rows == 1 && transposeB && !transposeA
            ? RowVectorProduct(columns: columns, inner: inner, alpha: product.alpha, accumulates: addend != nil) : nil
        return GemmKernel(product: product, rowVector: rowVector, addend: addend)
    }

    func run(_ buffers: KernelBuffers, context: KernelContext) {
        let y = buffers.floatOutput(0)
        if let addend {
            addend.write(buffers.floatInput(2), into: y, outputRows: product.rows, outputColumns: product.columns)
        }
        if let rowVector {
            rowVector.run(a: buffers.floatInput(0), b: buffers.floatInput(1), y: y, threadCount: context.threadCount)
        } else {
            product.run(a: buffers.floatInput(0), b: buffers.floatInput(1), c: y)
        }
    }
}
