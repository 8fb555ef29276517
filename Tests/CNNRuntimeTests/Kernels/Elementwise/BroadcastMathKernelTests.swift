import Testing
import CNNIR
import CNNRuntime

/// pow, the variadic sum, max, min and mean, the comparisons equal, less and greater (bool
/// results) and where against the reference, on random shapes that broadcast in every way
/// (operands of lower rank, size-1 axes on either side, scalars), 1 to 4 variadic operands.
///
/// Bounds: comparisons, where, max and min select or compare elements: exact (bool results are
/// compared exactly, f32 ones reach error 0). sum adds up to 4 values in f32, one rounding each
/// (relative error ≤ 3·ε/2 ≈ 2e-7 of the magnitudes summed); mean adds the rounding of 1/n and
/// of the product; pow uses the C library's powf (≤ 1 ulp). All stay far below
/// `KernelHarness.relativeL2Bound` (1e-5).
@Suite("Broadcasting math kernels")
struct BroadcastMathKernelTests {
    let family = ElementwiseKernels()

    /// The ops tested, with how many operands each takes (0: one to four).
    static let ops: [(OpKind, Int)] = [(.pow, 2), (.sum, 0), (.max, 0), (.min, 0), (.mean, 0), (.equal, 2), (.less, 2), (.greater, 2), (.where, 3)]

    @Test("every broadcasting math op matches the reference on 252 random configurations")
    func randomBroadcasts() throws {
        var generator = SeededGenerator(seed: 0xB20A)
        for index in 0..<252 {
            let (op, fixedCount) = Self.ops[index % Self.ops.count]
            let output = generator.nextShape(rank: generator.nextInt(in: 0...4), sizes: 1...(index % 4 == 0 ? 37 : 6))
            let count = fixedCount == 0 ? generator.nextInt(in: 1...4) : fixedCount
            let shapes = (0..<count).map { _ in broadcastingShape(to: output, &generator) }
            let operands = try shapes.enumerated().map { position, shape in try operand(op, position: position, shape: shape, &generator) }
            let expected = op == .where ? "where" : [.equal, .less, .greater].contains(op) ? "compare:" + op.rawValue
                : op == .pow ? "binary-broadcast:pow" : "variadic-broadcast:" + op.rawValue
            try KernelHarness.checkAgainstReference(family, op, operands: operands, attributes: [:], expectedKernel: expected,
                                                    configuration: "#\(index) " + KernelHarness.describe(op, operands, [:]))
        }
    }

    @Test("max and min propagate NaN from either side; comparisons with NaN are false")
    func notANumber() throws {
        let a = try Tensor(shape: [4], scalars: [.nan, 1, 2, .nan])
        let b = try Tensor(shape: [4], scalars: [0, .nan, 3, .nan])
        for op in [OpKind.equal, .less, .greater] {
            try KernelHarness.checkAgainstReference(family, op, operands: [a, b], attributes: [:], configuration: "\(op) with NaN")
        }
        for (op, third) in [(OpKind.max, Float(3)), (.min, 2)] {
            let request = try KernelHarness.request(op, operands: [a, b], attributes: [:])
            let kernel = try #require(try family.makeKernel(for: request))
            let result = try KernelHarness.run(kernel, operands: [a, b], resultTypes: request.resultTypes)[0].scalars
            #expect(result.map(\.isNaN) == [true, true, false, true] && result[2] == third, "\(op): \(result)")
        }
    }

    /// A shape that broadcasts to `output`: its trailing axes, each the output's size or 1.
    private func broadcastingShape(to output: [Int], _ generator: inout SeededGenerator) -> [Int] {
        let dropped = generator.nextChance(0.3) ? generator.nextInt(in: 0...output.count) : 0
        return output.dropFirst(dropped).map { generator.nextChance(0.3) ? 1 : $0 }
    }

    /// Operand `position` of `op`: where's condition is bool; comparison operands are small
    /// integers so that ties occur; pow's base is positive, or negative with an integer exponent.
    private func operand(_ op: OpKind, position: Int, shape: [Int], _ generator: inout SeededGenerator) throws -> Tensor {
        switch op {
        case .where where position == 0:
            return try Tensor(shape: shape, elements: (0..<shape.reduce(1, *)).map { _ in generator.nextChance(0.5) })
        case .equal, .less, .greater:
            return try generator.nextTensor(shape, .normal(mean: 0, standardDeviation: 2)).rounded()
        case .pow where position == 0:
            return try generator.nextTensor(shape, .uniform(-3...3))
        case .pow:
            return try generator.nextTensor(shape, .uniform(-3...3)).rounded()
        default:
            return try generator.nextTensor(shape, .normal(mean: 0, standardDeviation: 2))
        }
    }
}

extension Tensor {
    /// This f32 tensor with every element rounded to the nearest integer.
    func rounded() throws -> Tensor {
        try Tensor(shape: shape, scalars: scalars.map { $0.rounded() })
    }
}
