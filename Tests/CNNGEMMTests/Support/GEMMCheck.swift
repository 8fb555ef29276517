import CNNGEMM

/// Runs a `GEMMCase` on one instruction set and compares it with a double-precision reference.
///
/// Bound (per element, rigorous): each element of C is a sum of K products plus beta·C, the
/// biases and the residual, K + 3 additions in all, rounded in f32 in some order (fused or
/// not). The classic bound for such a sum (Higham, Accuracy and Stability of Numerical
/// Algorithms, §3.1) is |ĉ − c| ≤ γ(K+3) · (Σₖ|aᵢₖ·bₖⱼ| + |β·cᵢⱼ| + |biases| + |rᵢⱼ|) with
/// γ(n) = n·u / (1 − n·u), u = 2⁻²⁴; the activations are 1-Lipschitz and keep it. The relative
/// L2 error of the whole of C is then at most γ(K+3)·‖|A||B| + …‖₂ / ‖C‖₂, checked as well.
/// The bytes after the workspace and after packed A must be left alone.
struct GEMMCheck {
    /// Everything wrong with one run, empty when it passed.
    var failures: [String] = []
    /// The relative L2 error of C against the reference.
    var relativeError = 0.0

    /// Runs `testCase` with `instructionSet` and checks C, the poisoned gaps and the inputs.
    init(_ testCase: GEMMCase, instructionSet: GEMMInstructionSet, seed: UInt64) throws {
        var random = TestRandom(seed: seed)
        let operands = GEMMOperands(testCase, random: &random)
        let gemm = try PackedGEMM(rows: testCase.rows, columns: testCase.columns, depth: testCase.depth,
                                  transposeA: testCase.transposeA, transposeB: testCase.transposeB,
                                  leadingA: operands.leadingA, leadingB: operands.leadingB,
                                  leadingC: operands.leadingC, instructionSet: instructionSet)
        var c = operands.c
        if !operands.run(gemm, testCase, c: &c) {
            record("bytes after the workspace or after packed A were written")
        }
        compare(c, with: operands, testCase)
    }

    /// Checks every element of C (inside: within the bound; gaps: still the poison).
    private mutating func compare(_ c: [Float], with operands: GEMMOperands, _ testCase: GEMMCase) {
        let (expected, magnitude) = operands.reference(testCase)
        let unit = 1.0 / Double(1 << 24)
        let terms = Double(testCase.depth + 3)
        let gamma = terms * unit / (1 - terms * unit)
        var errorSquares = 0.0, expectedSquares = 0.0, magnitudeSquares = 0.0
        for index in 0..<c.count {
            let row = index / operands.leadingC, column = index % operands.leadingC
            guard row < testCase.rows, column < testCase.columns else {
                if c[index].bitPattern != GEMMOperands.poison.bitPattern {
                    record("C[\(row), \(column)] outside the product was written: \(c[index])")
                }
                continue
            }
            let reference = expected[row * testCase.columns + column]
            let bound = gamma * magnitude[row * testCase.columns + column]
            let error = abs(Double(c[index]) - reference)
            if !(error <= bound) { record("C[\(row), \(column)] = \(c[index]), expected \(reference) ± \(bound)") }
            errorSquares += error * error
            expectedSquares += reference * reference
            magnitudeSquares += magnitude[row * testCase.columns + column] * magnitude[row * testCase.columns + column]
        }
        relativeError = expectedSquares > 0 ? (errorSquares / expectedSquares).squareRoot() : errorSquares.squareRoot()
        let relativeBound = expectedSquares > 0 ? gamma * (magnitudeSquares / expectedSquares).squareRoot() : 0
        if expectedSquares > 0 && !(relativeError <= relativeBound) {
            record("relative L2 error \(relativeError) above the bound \(relativeBound)")
        }
    }

    /// Keeps the first few failures.
    private mutating func record(_ failure: String) {
        if failures.count < 5 { failures.append(failure) }
    }
}
