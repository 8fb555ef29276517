/// The transform matrices applied to 16 independent lanes at once (one `Vector` per matrix
/// element), with the structure the Cook-Toom construction gives them when the interpolation
/// points are 0, then ± pairs (p, −p), then ∞ (`WinogradTile.interpolationPoints` in the runtime):
///
/// - Bᵀ: row 0 (point 0, the even polynomial Π(t² − p²)) has zeros at odd columns; the last row
///   (∞, the odd polynomial t·Π(t² − p²)) at even columns; the rows of a pair (p, −p) have zeros
///   in the first and last columns and are equal at even columns and opposite at odd ones (the
///   polynomial of −p is that of p at −t), so both come from one even and one odd partial sum.
/// - Aᵀ: column 0 (point 0) is 1 in row 0 and 0 elsewhere; the last column (∞) is 1 in the last
///   row and 0 elsewhere; the columns of a pair hold the powers p^j and (−p)^j, equal in even
///   rows and opposite in odd ones, so each row needs the pair's sum or difference once.
///
/// This halves the multiply-adds of dense products. The runtime's `WinogradTransforms.hasParityStructure`
/// checks the structure on the exact matrices; the coefficients themselves are read from the
/// derived tables. Sizes are compile-time constants, so every instance is fully unrolled; the
/// vectors are read with `load(k, column)` and handed to `store(row, column, value)`.
public enum WinogradInputParityProduct<Target: WinogradInstructionTarget, let Size: Int> {
    /// The vector of 16 lanes.
    public typealias Vector = SIMD16<Float>

    /// `out(i, column) = Σ_k Bᵀ[i][k]·in(k, column)` for `Size` columns, Bᵀ being the row-major
    /// `Size × Size` table `matrix`.
    @inlinable @inline(__always)
    public static func apply(_ matrix: UnsafePointer<Float>, load: (_ inner: Int, _ column: Int) -> Vector,
                      store: (_ row: Int, _ column: Int, _ value: Vector) -> Void) {
        for column in 0..<Size {
            var terms = InlineArray<Size, Vector>(repeating: Vector())
            for inner in 0..<Size { terms[inner] = load(inner, column) }
            var first = Vector(), last = Vector()
            for inner in stride(from: 0, to: Size, by: 2) {
                first.addProduct(Vector(repeating: matrix[inner]), terms[inner])
                last.addProduct(Vector(repeating: matrix[(Size - 1) * Size + inner + 1]), terms[inner + 1])
            }
            store(0, column, first)
            for row in stride(from: 1, to: Size - 1, by: 2) {
                var even = Vector(), odd = Vector()
                for inner in stride(from: 1, to: Size - 1, by: 2) {
                    odd.addProduct(Vector(repeating: matrix[row * Size + inner]), terms[inner])
                    even.addProduct(Vector(repeating: matrix[row * Size + inner + 1]), terms[inner + 1])
                }
                store(row, column, even + odd)
                store(row + 1, column, even - odd)
            }
            store(Size - 1, column, last)
        }
    }
}

/// Aᵀ applied to 16 lanes at once with its parity structure (`WinogradInputParityProduct`).
public enum WinogradOutputParityProduct<Target: WinogradInstructionTarget, let Rows: Int, let Inner: Int, let Columns: Int> {
    /// The vector of 16 lanes.
    public typealias Vector = SIMD16<Float>

    /// `out(j, column) = offset + Σ_k Aᵀ[j][k]·in(k, column)` for `Columns` columns, Aᵀ being the
    /// row-major `Rows × Inner` table `matrix`.
    @inlinable @inline(__always)
    public static func apply(_ matrix: UnsafePointer<Float>, offset: Vector,
                      load: (_ inner: Int, _ column: Int) -> Vector,
                      store: (_ row: Int, _ column: Int, _ value: Vector) -> Void) {
        for column in 0..<Columns {
            var sums = InlineArray<Inner, Vector>(repeating: Vector())
            var differences = InlineArray<Inner, Vector>(repeating: Vector())
            for inner in stride(from: 1, to: Inner - 1, by: 2) {
                let plus = load(inner, column), minus = load(inner + 1, column)
                sums[inner] = plus + minus
                differences[inner] = plus - minus
            }
            for row in 0..<Rows {
                var value = offset
                if row == 0 { value += load(0, column) }
                if row == Rows - 1 { value += load(Inner - 1, column) }
                for inner in stride(from: 1, to: Inner - 1, by: 2) {
                    value.addProduct(Vector(repeating: matrix[row * Inner + inner]),
                                     row % 2 == 0 ? sums[inner] : differences[inner])
                }
                store(row, column, value)
            }
        }
    }
}
