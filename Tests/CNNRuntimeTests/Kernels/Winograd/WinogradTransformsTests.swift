import Testing
import CNNIR
@testable import CNNRuntime

/// The Cook-Toom derivation of the Winograd transforms (`WinogradTransforms`) and the exact
/// fractions it computes with.
@Suite("Winograd transforms derived from interpolation points")
struct WinogradTransformsTests {
    @Test("Fractions stay in lowest terms with a positive denominator")
    func fractions() {
        let half = ExactFraction(2, 4), third = ExactFraction(-1, -3)
        #expect(half.numerator == 1 && half.denominator == 2)
        #expect(ExactFraction(3, -6) == ExactFraction(-1, 2))
        #expect(half + third == ExactFraction(5, 6))
        #expect(half - third == ExactFraction(1, 6))
        #expect(half * third == ExactFraction(1, 6))
        #expect(half / third == ExactFraction(3, 2))
        #expect(ExactFraction(-1, 2).power(3) == ExactFraction(-1, 8))
        #expect(ExactFraction(0, 5) == .zero && ExactFraction(7, 7) == .one)
    }

    @Test("Aᵀ[(G g) ⊙ (Bᵀ d)] is exactly the correlation of d with g for random integer data",
          arguments: WinogradTile.allCases)
    func exactCorrelation(tile: WinogradTile) {
        let transforms = tile.transforms
        let m = transforms.outputSize, size = transforms.inputSize
        #expect(transforms.outputTransform.count == m && transforms.outputTransform.allSatisfy { $0.count == size })
        #expect(transforms.filterTransform.count == size && transforms.filterTransform.allSatisfy { $0.count == 3 })
        #expect(transforms.inputTransform.count == size && transforms.inputTransform.allSatisfy { $0.count == size })
        var generator = SeededGenerator(seed: 0xC00C + UInt64(m))
        for _ in 0..<50 {
            let d = (0..<size).map { _ in ExactFraction(Int.random(in: -9...9, using: &generator)) }
            let g = (0..<3).map { _ in ExactFraction(Int.random(in: -9...9, using: &generator)) }
            let transformedKernel = transforms.filterTransform.map { row in dot(row, g) }
            let transformedSignal = transforms.inputTransform.map { row in dot(row, d) }
            let products = zip(transformedKernel, transformedSignal).map { $0 * $1 }
            let winograd = transforms.outputTransform.map { row in dot(row, products) }
            let direct = (0..<m).map { k in dot(Array(d[k..<(k + 3)]), g) }
            #expect(winograd == direct, "d \(d), g \(g)")
        }
    }

    @Test("The f32 and f64 tables reproduce the correlation of random normal data to rounding",
          arguments: WinogradTile.allCases)
    func roundedCorrelation(tile: WinogradTile) {
        let transforms = tile.transforms
        let m = transforms.outputSize, size = transforms.inputSize
        let a = transforms.outputTransform.map { $0.map(\.doubleValue) }
        let g = transforms.filterTransform.map { $0.map(\.doubleValue) }
        let b = transforms.inputTransform.map { $0.map(\.doubleValue) }
        #expect(WinogradTransforms.floats(transforms.inputTransform) == b.flatMap { $0.map(Float.init) })
        var generator = SeededGenerator(seed: 0xF10A7 + UInt64(m))
        var worst = 0.0
        for _ in 0..<100 {
            let signal = (0..<size).map { _ in generator.nextGaussian() }
            let kernel = (0..<3).map { _ in generator.nextGaussian() }
            let products = zip(g.map { dot($0, kernel) }, b.map { dot($0, signal) }).map { $0 * $1 }
            for k in 0..<m {
                let direct = dot(Array(signal[k..<(k + 3)]), kernel)
                worst = max(worst, abs(dot(a[k], products) - direct))
            }
        }
        // Double rounding of sums of a few dozen terms of size ≲ 100 (the largest entries of F(6,3)).
        #expect(worst < 1e-12, "largest difference \(worst)")
    }

    @Test("The derived matrices have the parity structure the lane transforms rely on",
          arguments: WinogradTile.allCases)
    func parityStructure(tile: WinogradTile) {
        #expect(tile.transforms.hasParityStructure)
        let unpaired = WinogradTransforms(points: [ExactFraction(0), ExactFraction(1), ExactFraction(2)], outputSize: 2, kernelSize: 3)
        #expect(!unpaired.hasParityStructure)
    }

    @Test("F(4x4, 3x3) derives Lavin & Gray's published matrices")
    func lavinAndGray() {
        let transforms = WinogradTile.f4x4.transforms
        func fractions(_ rows: [[Int]], over denominator: Int = 1) -> [[ExactFraction]] {
            rows.map { row in row.map { ExactFraction($0, denominator) } }
        }
        #expect(transforms.outputTransform == fractions([[1, 1, 1, 1, 1, 0], [0, 1, -1, 2, -2, 0], [0, 1, 1, 4, 4, 0], [0, 1, -1, 8, -8, 1]]))
        #expect(transforms.inputTransform == fractions([[4, 0, -5, 0, 1, 0], [0, -4, -4, 1, 1, 0], [0, 4, -4, -1, 1, 0],
                                                        [0, -2, -1, 2, 1, 0], [0, 2, -1, -2, 1, 0], [0, 4, 0, -5, 0, 1]]))
        #expect(transforms.filterTransform == fractions([[6, 0, 0], [-4, -4, -4], [-4, 4, -4], [1, 2, 4], [1, -2, 4], [0, 0, 24]], over: 24))
    }

    /// Σ left[i]·right[i].
    private func dot(_ left: [ExactFraction], _ right: [ExactFraction]) -> ExactFraction {
        zip(left, right).reduce(ExactFraction.zero) { $0 + $1.0 * $1.1 }
    }

    /// Σ left[i]·right[i].
    private func dot(_ left: [Double], _ right: [Double]) -> Double {
        zip(left, right).reduce(0) { $0 + $1.0 * $1.1 }
    }
}
