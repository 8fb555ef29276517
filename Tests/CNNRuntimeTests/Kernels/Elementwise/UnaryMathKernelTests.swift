import Testing
import CNNIR
import CNNRuntime

/// The unary math ops (sqrt, exp, log, neg, abs, reciprocal, erf, softplus, gelu) against the
/// reference on random shapes and values, at special values, and erf over a dense sweep.
///
/// Bound: `KernelHarness.relativeL2Bound` (1e-5). neg and abs are exact; sqrt and reciprocal
/// round once (≤ 0.5 ulp, 6e-8). exp and log use cnnc's vector functions (`VectorMath`: ≤ 1.3
/// and 0.7 ulp); softplus adds a log(1 + t) and a sum, a few ulp. erf and erfc are polynomial
/// fits with relative errors of at most 1.8e-7 (below |x| = 1) and 5.6e-8 (beyond, times the
/// rounding of e^(−x²)), measured by the dense sweep below to within 2e-7 absolute; gelu is
/// ½·x·erfc(−x/√2), so its relative error is erfc's plus a rounding or two. tanh-gelu is
/// x / (1 + e^(−2u)): a few ulp, growing for negative x with |2u|·ε (the rounding of the cubic
/// argument: 5e-6 at x = −10, where the result is below 1e-37). So the relative L2 error of a
/// tensor stays below about 1e-6 for the values drawn: a margin of 10 to the bound.
@Suite("Unary math kernels")
struct UnaryMathKernelTests {
    let family = ElementwiseKernels()

    /// Every op (gelu in both forms) with the distribution of its random arguments.
    static let cases: [(OpKind, Attributes, RandomDistribution)] = [
        (.sqrt, [:], .uniform(0...50)), (.exp, [:], .normal(mean: 0, standardDeviation: 8)), (.log, [:], .uniform(1e-3...100)),
        (.neg, [:], .normal(mean: 0, standardDeviation: 3)), (.abs, [:], .normal(mean: 0, standardDeviation: 3)),
        (.reciprocal, [:], .uniform(0.05...20)), (.erf, [:], .normal(mean: 0, standardDeviation: 2)),
        (.softplus, [:], .normal(mean: 0, standardDeviation: 10)), (.gelu, [:], .normal(mean: 0, standardDeviation: 3)),
        (.gelu, ["approximate": .string("tanh")], .normal(mean: 0, standardDeviation: 3)),
    ]

    @Test("every unary math op matches the reference on 220 random configurations")
    func randomUnaryMath() throws {
        var generator = SeededGenerator(seed: 0x4A7E)
        for index in 0..<220 {
            let (op, attributes, distribution) = Self.cases[index % Self.cases.count]
            let shape = generator.nextShape(rank: generator.nextInt(in: 0...4), sizes: 1...(index % 3 == 0 ? 40 : 7))
            var x = try generator.nextTensor(shape, distribution)
            if op == .reciprocal, generator.nextChance(0.5) { x = try x.scaled(by: -1) }
            try KernelHarness.checkAgainstReference(family, op, operands: [x], attributes: attributes, expectedKernel: "unary:" + op.rawValue,
                                                    configuration: "#\(index) " + KernelHarness.describe(op, [x], attributes))
        }
    }

    @Test("special values: zeros, subnormals, huge values, infinities and NaN give what the reference gives",
          arguments: cases.map { ($0.0, $0.1) })
    func specialValues(op: OpKind, attributes: Attributes) throws {
        let values: [Float] = [0, -0.0, 1e-40, -1e-40, 1e-30, -1e-30, 0.5, -0.5, 1, -1, 20, -20, 87.5, -87.5, 88.5, -88.5, 89, -90,
                               100, -104, -110, 1e30, -1e30, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .infinity, -.infinity, .nan]
        let x = try Tensor(shape: [values.count], scalars: values)
        let request = try KernelHarness.request(op, operands: [x], attributes: attributes)
        let kernel = try #require(try family.makeKernel(for: request))
        let actual = try KernelHarness.run(kernel, operands: [x], resultTypes: request.resultTypes)[0].scalars
        let expected = try ReferenceKernels.evaluate(op, operands: [x], attributes: attributes)[0].scalars
        for (index, (found, wanted)) in zip(actual, expected).enumerated() {
            let agrees = (found.isNaN && wanted.isNaN) || found == wanted
                || (found.isFinite && wanted.isFinite && Swift.abs(found - wanted) <= 2e-6 * Swift.max(Swift.abs(wanted), 1e-30) + 2e-7 * Swift.min(Swift.abs(values[index]), 1))
            #expect(agrees, "\(op) of \(values[index]): \(found), reference \(wanted)")
        }
    }

    @Test("erf and gelu stay within 2e-7 (absolute) of the reference over a dense sweep of [−6, 6]")
    func errorFunctionSweep() throws {
        let values = (-6000...6000).map { Float($0) / 1000 }
        let x = try Tensor(shape: [values.count], scalars: values)
        for op in [OpKind.erf, .gelu] {
            let request = try KernelHarness.request(op, operands: [x], attributes: [:])
            let kernel = try #require(try family.makeKernel(for: request))
            let actual = try KernelHarness.run(kernel, operands: [x], resultTypes: request.resultTypes)[0].scalars
            let expected = try ReferenceKernels.evaluate(op, operands: [x.converted(to: .f64)])[0].doubles
            let worst = zip(zip(actual, expected), values).map { pair, value in
                Swift.abs(Double(pair.0) - pair.1) / Swift.max(1, Double(Swift.abs(value)))
            }.max() ?? 0
            #expect(worst <= 2e-7, "\(op): largest error \(worst)")
        }
    }
}

extension Tensor {
    /// This f32 tensor with every element multiplied by `factor`.
    func scaled(by factor: Float) throws -> Tensor {
        try Tensor(shape: shape, scalars: scalars.map { $0 * factor })
    }
}
