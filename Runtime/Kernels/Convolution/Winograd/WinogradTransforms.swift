/// The three matrices of a Winograd minimal filtering algorithm F(m, r), derived exactly by the
/// Cook-Toom construction from α − 1 distinct finite interpolation points and ∞ (α = m + r − 1):
/// the correlation `y[k] = Σ_j d[k + j]·g[j]` (k < m) of an α-element signal d with an r-tap
/// kernel g is `y = Aᵀ[(G·g) ⊙ (Bᵀ·d)]`, and its 2-D nesting is `Y = Aᵀ[(G g Gᵀ) ⊙ (Bᵀ d B)]A`.
///
/// Derivation: the linear convolution `c = g ∗ x` of g with an m-element x is the polynomial
/// product c(t) = g(t)·x(t); evaluating both factors at the points (and at ∞, the leading
/// coefficients), multiplying, and interpolating with Lagrange's formula
/// `c(t) = c_∞·M(t) + Σ_i c(p_i)·M_i(t)/M_i(p_i)` (M(t) = Π(t − p_i), M_i(t) = M(t)/(t − p_i))
/// gives `c = L·[(E_g·g) ⊙ (E_x·x)]`. The correlation is that map's transpose in x, so
/// Aᵀ = E_xᵀ (column i: the powers p_iᵏ, k < m), G = E_g with row i divided by M_i(p_i), and
/// Bᵀ = the transpose of L without those divisors (row i: the coefficients of M_i, the last row
/// those of M). The ∞ point contributes the last row or column of each.
struct WinogradTransforms: Sendable {
    /// m: outputs per application.
    let outputSize: Int
    /// r: the kernel taps.
    let kernelSize: Int
    /// Aᵀ, m × α: from α products to m outputs.
    let outputTransform: [[ExactFraction]]
    /// G, α × r: from the kernel to α values.
    let filterTransform: [[ExactFraction]]
    /// Bᵀ, α × α: from the α-element signal to α values.
    let inputTransform: [[ExactFraction]]

    /// α = m + r − 1: the signal elements per application.
    var inputSize: Int { outputSize + kernelSize - 1 }

    /// The transforms of F(`outputSize`, `kernelSize`) for `points`, α − 1 distinct finite points.
    init(points: [ExactFraction], outputSize: Int, kernelSize: Int) {
        self.outputSize = outputSize
        self.kernelSize = kernelSize
        let size = outputSize + kernelSize - 1
        var outputTransform = [[ExactFraction]](repeating: [ExactFraction](repeating: .zero, count: size), count: outputSize)
        var filterTransform = [[ExactFraction]](repeating: [ExactFraction](repeating: .zero, count: kernelSize), count: size)
        var inputTransform = [[ExactFraction]]()
        for (index, point) in points.enumerated() {
            let others = points.enumerated().filter { $0.offset != index }.map(\.element)
            let scale = others.reduce(ExactFraction.one) { product, other in product * (point - other) }
            for power in 0..<outputSize { outputTransform[power][index] = point.power(power) }
            for power in 0..<kernelSize { filterTransform[index][power] = point.power(power) / scale }
            inputTransform.append(WinogradTransforms.coefficients(ofProductOver: others, count: size))
        }
        outputTransform[outputSize - 1][size - 1] = .one
        filterTransform[size - 1][kernelSize - 1] = .one
        inputTransform.append(WinogradTransforms.coefficients(ofProductOver: points, count: size))
        self.outputTransform = outputTransform
        self.filterTransform = filterTransform
        self.inputTransform = inputTransform
    }

    /// The coefficients of Π(t − root) over `roots`, lowest power first, padded with zeros to `count`.
    private static func coefficients(ofProductOver roots: [ExactFraction], count: Int) -> [ExactFraction] {
        var coefficients = [ExactFraction.one]
        for root in roots {
            var next = [ExactFraction](repeating: .zero, count: coefficients.count + 1)
            for (power, coefficient) in coefficients.enumerated() {
                next[power + 1] = next[power + 1] + coefficient
                next[power] = next[power] - coefficient * root
            }
            coefficients = next
        }
        return coefficients + [ExactFraction](repeating: .zero, count: max(0, count - coefficients.count))
    }

    /// Whether the matrices have the structure `WinogradInputParityProduct` and
    /// `WinogradOutputParityProduct` rely on, which the construction gives them when the points
    /// are 0 followed by pairs (p, −p): in Bᵀ, zeros in row 0 at odd columns and in the last row
    /// at even columns, rows 2q+1 and 2q+2 zero in the first and last columns and equal at even
    /// columns, opposite at odd ones; in Aᵀ, column 0 and the last column those of the identity
    /// (1 in the first and the last row), columns 2q+1 and 2q+2 equal in even rows, opposite in odd ones.
    var hasParityStructure: Bool {
        let size = inputSize
        guard size % 2 == 0 else { return false }
        func sign(_ index: Int) -> ExactFraction { ExactFraction(index % 2 == 0 ? 1 : -1) }
        let b = inputTransform, a = outputTransform
        for column in 0..<size {
            if column % 2 == 1 && b[0][column] != .zero { return false }
            if column % 2 == 0 && b[size - 1][column] != .zero { return false }
        }
        for row in stride(from: 1, to: size - 1, by: 2) {
            guard b[row][0] == .zero, b[row][size - 1] == .zero, b[row + 1][0] == .zero, b[row + 1][size - 1] == .zero else { return false }
            for column in 0..<size where b[row + 1][column] != sign(column) * b[row][column] { return false }
        }
        for row in 0..<outputSize {
            guard a[row][0] == (row == 0 ? .one : .zero), a[row][size - 1] == (row == outputSize - 1 ? .one : .zero) else { return false }
            for column in stride(from: 1, to: size - 1, by: 2) where a[row][column + 1] != sign(row) * a[row][column] { return false }
        }
        return true
    }

    /// `matrix` row-major as f32 (exact for the transforms of `WinogradTile`'s points, whose
    /// entries are dyadic fractions in Aᵀ and Bᵀ).
    static func floats(_ matrix: [[ExactFraction]]) -> [Float] {
        matrix.flatMap { row in row.map { Float($0.doubleValue) } }
    }
}
