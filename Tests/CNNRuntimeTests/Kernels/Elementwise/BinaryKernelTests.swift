import Testing
import CNNIR
import CNNRuntime

/// add, sub, mul, div and prelu against the reference on every broadcast pattern.
///
/// Bound: `KernelHarness.relativeL2Bound` (1e-5). Each result element is one f32 operation on
/// two f32 inputs, rounded once (≤ ε/2 = 6e-8 relative), as the reference's Double result
/// rounded to f32 is; the two differ by at most 1 ulp per element. Divisors are kept away from
/// zero (|b| ≥ 0.5) so that no element is ill-conditioned.
@Suite("Binary element-wise kernels")
struct BinaryKernelTests {
    let family = ElementwiseKernels()

    /// How one operand's shape is derived from the full shape.
    enum Pattern: CaseIterable {
        /// The full shape.
        case same
        /// `[]` or `[1]`.
        case scalar
        /// `[C, 1, 1, ...]`: one value per channel (axis 1) of the full shape.
        case channel
        /// `[W]`: the last axis only.
        case row
        /// Random axes set to 1 and random leading axes dropped.
        case mixed
    }

    @Test("add, sub, mul and div match the reference for every pair of broadcast patterns (200 configurations)")
    func randomBroadcasts() throws {
        var generator = SeededGenerator(seed: 0xB1A7)
        let patterns = Pattern.allCases
        let ops: [OpKind] = [.add, .sub, .mul, .div]
        for index in 0..<200 {
            let op = ops[index % ops.count]
            let full = fullShape(&generator, index: index)
            let aShape = shape(patterns[(index / 4) % patterns.count], of: full, &generator)
            let bShape = shape(patterns[(index / 20) % patterns.count], of: full, &generator)
            let a = try generator.nextTensor(aShape)
            let b = op == .div ? try signed(generator.nextTensor(bShape, .uniform(0.5...2)), &generator) : try generator.nextTensor(bShape)
            try KernelHarness.checkAgainstReference(family, op, operands: [a, b], attributes: Attributes(),
                                                    expectedKernel: "binary-broadcast:" + op.rawValue,
                                                    configuration: "#\(index) " + KernelHarness.describe(op, [a, b], Attributes()))
        }
    }

    @Test("prelu matches the reference with every slope pattern (50 configurations)")
    func randomParametricRectifiers() throws {
        var generator = SeededGenerator(seed: 0x9E1)
        let patterns = Pattern.allCases
        for index in 0..<50 {
            let full = fullShape(&generator, index: index)
            let x = try generator.nextTensor(full)
            // The slope broadcasts one way: it has at most x's rank.
            let slopeShape = shape(patterns[index % patterns.count], of: full, &generator).suffix(full.count)
            let slope = try generator.nextTensor(Array(slopeShape))
            try KernelHarness.checkAgainstReference(family, .prelu, operands: [x, slope], attributes: Attributes(),
                                                    expectedKernel: "binary-broadcast:prelu",
                                                    configuration: "#\(index) " + KernelHarness.describe(.prelu, [x, slope], Attributes()))
        }
    }

    @Test("[N, C, H, W] + [C, 1, 1] on a vector-sized plane, and both operands broadcast")
    func namedPatterns() throws {
        var generator = SeededGenerator(seed: 7)
        let cases: [([Int], [Int])] = [([2, 5, 9, 7], [5, 1, 1]), ([1, 3, 1, 17], [3, 33, 1]), ([4, 1], [1, 6]), ([], [3, 1]), ([1], [1])]
        for (aShape, bShape) in cases {
            let a = try generator.nextTensor(aShape), b = try generator.nextTensor(bShape)
            try KernelHarness.checkAgainstReference(family, .mul, operands: [a, b], attributes: Attributes(),
                                                    configuration: KernelHarness.describe(.mul, [a, b], Attributes()))
            try KernelHarness.checkAgainstReference(family, .sub, operands: [b, a], attributes: Attributes(),
                                                    configuration: KernelHarness.describe(.sub, [b, a], Attributes()))
        }
    }

    /// A shape of rank 1 to 4 (0 now and then), with a long last axis every third time.
    private func fullShape(_ generator: inout SeededGenerator, index: Int) -> [Int] {
        let rank = index % 23 == 0 ? 0 : generator.nextInt(in: 1...4)
        var shape = generator.nextShape(rank: rank, sizes: 1...6)
        if rank > 0 && index % 3 == 0 { shape[rank - 1] = generator.nextInt(in: 10...40) }
        return shape
    }

    /// An operand shape derived from `full` by `pattern`.
    private func shape(_ pattern: Pattern, of full: [Int], _ generator: inout SeededGenerator) -> [Int] {
        switch pattern {
        case .same: return full
        case .scalar: return generator.nextChance(0.5) ? [] : [1]
        case .channel: return full.count >= 2 ? [full[1]] + Array(repeating: 1, count: full.count - 2) : full
        case .row: return full.isEmpty ? [] : [full[full.count - 1]]
        case .mixed:
            let ones = full.map { generator.nextChance(0.4) ? 1 : $0 }
            return Array(ones.dropFirst(generator.nextInt(in: 0...full.count)))
        }
    }

    /// `tensor` with the sign of each element flipped at random.
    private func signed(_ tensor: Tensor, _ generator: inout SeededGenerator) throws -> Tensor {
        try Tensor(shape: tensor.shape, scalars: tensor.scalars.map { generator.nextChance(0.5) ? -$0 : $0 })
    }
}
