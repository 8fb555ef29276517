import CNNGEMM

/// One product to check: sizes, layouts (leading dimensions wider than the rows, so that the
/// gaps can be poisoned), beta, epilogue parts, packed or unpacked A, and thread count.
struct GEMMCase: CustomStringConvertible {
    var rows: Int
    var columns: Int
    var depth: Int
    var transposeA = false
    var transposeB = false
    /// Extra elements at the end of every stored row of A, B, C and the residual.
    var padding = 3
    var beta: Float = 0
    var rowBias = false
    var columnBias = false
    var residual = false
    var activation = GEMMActivation.none
    var packedA = false
    var threadCount = 1

    var description: String {
        "\(rows)×\(columns)×\(depth) tA \(transposeA) tB \(transposeB) beta \(beta) rowBias \(rowBias) "
            + "columnBias \(columnBias) residual \(residual) \(activation) packedA \(packedA) threads \(threadCount)"
    }

    /// A random case: sizes drawn from edge values (1, primes, tile multiples ± 1) and a
    /// uniform range, every option drawn independently.
    static func random(using random: inout TestRandom) -> GEMMCase {
        let edgeSizes = [1, 2, 3, 5, 7, 8, 9, 13, 15, 16, 17, 23, 31, 32, 33, 47, 48, 49, 64, 95, 97]
        func size(_ limit: Int) -> Int {
            Bool.random(using: &random) ? edgeSizes.randomElement(using: &random)! : Int.random(in: 1...limit, using: &random)
        }
        var depth = size(120)
        if Int.random(in: 0..<8, using: &random) == 0 { depth = Int.random(in: 385...900, using: &random) }
        let activations: [GEMMActivation] = [.none, .relu, .relu6, .clip(lower: -0.25, upper: 0.5), .leakyRelu(slope: 0.1)]
        return GEMMCase(
            rows: size(130), columns: size(130), depth: depth,
            transposeA: Bool.random(using: &random), transposeB: Bool.random(using: &random),
            padding: Int.random(in: 0...5, using: &random),
            beta: [0, 0, 1, 0.5, -2].randomElement(using: &random)!,
            rowBias: Bool.random(using: &random), columnBias: Bool.random(using: &random),
            residual: Bool.random(using: &random), activation: activations.randomElement(using: &random)!,
            packedA: Bool.random(using: &random), threadCount: Int.random(in: 1...3, using: &random))
    }
}
