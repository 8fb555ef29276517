import Testing
import CNNIR
import CNNRuntime

/// The activations against the reference on random shapes (element counts that are and are not
/// multiples of 16, scalars included) and random attributes.
///
/// Bound: `KernelHarness.relativeL2Bound` (1e-5). The piecewise-linear ops (relu, leaky_relu,
/// clip, hard_sigmoid, hard_swish) round once or twice per element (≤ 2 ulp, 2.4e-7). The
/// exp-based ones use cnnc's vector functions, measured against Double over dense sweeps
/// (see `VectorMath`): sigmoid ≤ 3.2 ulp, tanh ≤ 1.4 ulp, e^x − 1 ≤ 4.3 ulp; with the product
/// by x (silu) or alpha (elu) at most about 6 ulp ≈ 7e-7 per element, so the relative L2 error
/// stays below 1e-6, a margin of 10 to the bound. tanh's polynomial below |x| = 0.625 and elu's
/// Taylor polynomial below |x| = 0.25 keep the error relative to the (small) result, not to 1.
@Suite("Activation kernels")
struct ActivationKernelTests {
    let family = ElementwiseKernels()

    /// Every activation with its attributes drawn at random.
    static let activations: [OpKind] = [.relu, .leakyRelu, .clip, .sigmoid, .tanh, .hardSigmoid, .hardSwish, .silu, .elu,
                                        .identity, .dropout]

    @Test("every activation matches the reference on 132 random configurations")
    func randomActivations() throws {
        var generator = SeededGenerator(seed: 0xAC71)
        for index in 0..<132 {
            let op = Self.activations[index % Self.activations.count]
            let shape = generator.nextShape(rank: generator.nextInt(in: 0...4), sizes: 1...(index % 3 == 0 ? 40 : 7))
            let x = try generator.nextTensor(shape, .normal(mean: 0, standardDeviation: generator.nextElement(of: [0.3, 2, 8])))
            let attributes = drawAttributes(op, &generator)
            let expected = op == .identity || op == .dropout ? "copy" : "unary:" + op.rawValue
            try KernelHarness.checkAgainstReference(family, op, operands: [x], attributes: attributes, expectedKernel: expected,
                                                    configuration: "#\(index) " + KernelHarness.describe(op, [x], attributes))
        }
    }

    @Test("exp-based activations stay accurate at extreme arguments", arguments: [OpKind.sigmoid, .tanh, .silu, .elu])
    func extremeArguments(op: OpKind) throws {
        let values: [Float] = [-200, -90, -88, -87.5, -50, -10, -1, -0.3, -0.2, -1e-3, -1e-6, 0, 1e-6, 1e-3, 0.2, 0.3, 0.6, 0.7, 1,
                               10, 44, 50, 88, 89, 200]
        let x = try Tensor(shape: [values.count], scalars: values)
        try KernelHarness.checkAgainstReference(family, op, operands: [x], attributes: Attributes(),
                                                configuration: "\(op) on \(values)")
    }

    /// Random values for the op's attributes (some left at their defaults).
    private func drawAttributes(_ op: OpKind, _ generator: inout SeededGenerator) -> Attributes {
        var attributes = Attributes()
        let draw = { (generator: inout SeededGenerator, range: ClosedRange<Double>) in
            range.lowerBound + (range.upperBound - range.lowerBound) * generator.nextUnitDouble()
        }
        switch op {
        case .leakyRelu: attributes["alpha"] = .float(draw(&generator, 0.01...0.5))
        case .elu: attributes["alpha"] = .float(draw(&generator, 0.1...2))
        case .hardSigmoid:
            attributes["alpha"] = .float(draw(&generator, 0.05...0.5))
            attributes["beta"] = .float(draw(&generator, 0.2...0.8))
        case .clip:
            if generator.nextChance(0.7) { attributes["min"] = .float(draw(&generator, -2...0.5)) }
            if generator.nextChance(0.7) { attributes["max"] = .float(draw(&generator, -0.5...3)) }
        case .dropout: attributes["ratio"] = .float(draw(&generator, 0...0.9))
        default: break
        }
        return attributes
    }
}
