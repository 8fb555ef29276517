import CBLAS

/// One single-precision matrix product `C = alpha·op(A)·op(B) + beta·C` on row-major matrices,
/// computed by OpenBLAS's `cblas_sgemm`: op(A) is `rows × inner`, op(B) `inner × columns`.
///
/// Leading dimensions are the distances between consecutive rows as stored, so a product may
/// read or write a block of a wider matrix.
struct MatrixProduct: Sendable {
    /// Rows of op(A) and C (M).
    var rows: Int
    /// Columns of op(B) and C (N).
    var columns: Int
    /// Columns of op(A), rows of op(B) (K).
    var inner: Int
    /// Whether A is stored as `inner × rows` (op(A) = Aᵀ).
    var transposeA = false
    /// Whether B is stored as `columns × inner` (op(B) = Bᵀ).
    var transposeB = false
    /// The row stride of A as stored.
    var leadingA: Int
    /// The row stride of B as stored.
    var leadingB: Int
    /// The row stride of C.
    var leadingC: Int
    /// The scale of the product.
    var alpha: Float = 1
    /// The scale of C's previous contents (0: C is overwritten, its contents are never read).
    var beta: Float = 0

    /// A product of densely stored matrices (leading dimensions are the stored row lengths).
    init(rows: Int, columns: Int, inner: Int, transposeA: Bool = false, transposeB: Bool = false,
         alpha: Float = 1, beta: Float = 0) {
        self.rows = rows
        self.columns = columns
        self.inner = inner
        self.transposeA = transposeA
        self.transposeB = transposeB
        self.alpha = alpha
        self.beta = beta
        leadingA = transposeA ? rows : inner
        leadingB = transposeB ? inner : columns
        leadingC = columns
    }

    /// Whether every size and offset below `extent` fits OpenBLAS's 32-bit integers; kernels
    /// check the largest value they will pass when they are prepared.
    static func fitsIndexRange(_ extent: Int) -> Bool {
        extent <= Int(Int32.max)
    }

    /// Computes the product into `c`.
    func run(a: UnsafePointer<Float>, b: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>) {
        guard rows > 0, columns > 0 else { return }
        guard inner > 0 else {
            scaleC(c)
            return
        }
        cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                    Int32(rows), Int32(columns), Int32(inner), alpha, a, Int32(leadingA), b, Int32(leadingB),
                    beta, c, Int32(leadingC))
    }

    /// `C = beta·C`, the whole product when op(A)·op(B) is empty (beta 0 writes zeros).
    private func scaleC(_ c: UnsafeMutablePointer<Float>) {
        for row in 0..<rows {
            let start = c + row * leadingC
            if beta == 0 {
                start.update(repeating: 0, count: columns)
            } else {
                for column in 0..<columns { start[column] *= beta }
            }
        }
    }
}
