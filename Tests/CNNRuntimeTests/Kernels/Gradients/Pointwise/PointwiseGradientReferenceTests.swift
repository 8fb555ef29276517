import Foundation
import Testing
import CNNIR
import CNNRuntime

/// The reference kernels of batch_norm_train and of the normalization, activation and loss
/// gradients: small hand-computed cases, and every gradient against central finite differences
/// of its forward op in f64 (`FiniteDifferences`).
///
/// Measured largest errors relative to the gradient's largest element (the bound asserted is
/// 1e-7): activation_grad 1.9e-9, batch_norm_grad (against batch_norm_train's y) 2.5e-9,
/// instance_norm_grad (against instance_norm) 2.5e-8, softmax_cross_entropy_grad 1.3e-9,
/// hinge_grad 1.3e-9 — the finite differences' own rounding (about ε·|L|/h, h = 1e-6).
/// Channels and planes of at least 3 values: with 2 the normalized values are ±1 whatever x, so
/// the x gradient is nearly 0 and only its absolute error means anything.
@Suite("Pointwise gradient reference kernels")
struct PointwiseGradientReferenceTests {
    /// The bound on `FiniteDifferences.relativeError` for every op.
    static let finiteDifferenceBound = 1e-7

    @Test("batch_norm_train on a hand-computed case: batch statistics, running statistics with the unbiased variance")
    func batchNormTrainByHand() throws {
        // Channel 0 holds 1, 2, 3, 6 (mean 3, biased variance 3.5, unbiased 14/3); channel 1 holds 0, 0, 4, 4
        // (mean 2, variance 4, unbiased 16/3).
        let x = try Tensor(shape: [2, 2, 1, 2], elements: [1, 2, 0, 0, 3, 6, 4, 4] as [Double])
        let scale = try Tensor(shape: [2], elements: [2, 1] as [Double]), bias = try Tensor(shape: [2], elements: [0.5, -1] as [Double])
        let runningMean = try Tensor(shape: [2], elements: [0, 10] as [Double]), runningVariance = try Tensor(shape: [2], elements: [1, 2] as [Double])
        let results = try ReferenceKernels.evaluate(.batchNormTrain, operands: [x, scale, bias, runningMean, runningVariance],
                                                    attributes: ["epsilon": .float(0.5), "momentum": .float(0.75)], resultCount: 5)
        try #require(results.count == 5)
        let inverse = [1 / 4.0.squareRoot(), 1 / 4.5.squareRoot()]
        let y = [(1.0 - 3) * inverse[0] * 2 + 0.5, (2.0 - 3) * inverse[0] * 2 + 0.5, -2 * inverse[1] - 1, -2 * inverse[1] - 1,
                 0.5, 3 * inverse[0] * 2 + 0.5, 2 * inverse[1] - 1, 2 * inverse[1] - 1]
        expectClose(results[0].doubles, y)
        expectClose(results[1].doubles, [0.75 * 0 + 0.25 * 3, 0.75 * 10 + 0.25 * 2])
        expectClose(results[2].doubles, [0.75 * 1 + 0.25 * 14 / 3, 0.75 * 2 + 0.25 * 16 / 3])
        expectClose(results[3].doubles, [3, 2])
        expectClose(results[4].doubles, inverse)
        #expect(results[0].type == x.type && results[4].type == scale.type)
    }

    @Test("batch_norm_grad: a constant dy moves nothing (dx = 0, dscale = 0), dbias = Σ dy")
    func batchNormGradOfConstant() throws {
        var generator = SeededGenerator(seed: 0xBC)
        let x = try generator.nextDoubles([3, 2, 4])
        let forward = try ReferenceKernels.evaluate(.batchNormTrain, operands: [x] + (try (0..<4).map { _ in try generator.nextDoubles([2], .uniform(0.5...1.5)) }),
                                                    resultCount: 5)
        let dy = try Tensor(shape: [3, 2, 4], elements: Array(repeating: 0.25, count: 24))
        let scale = try generator.nextDoubles([2])
        let gradients = try ReferenceKernels.evaluate(.batchNormGrad, operands: [x, scale, forward[3], forward[4], dy], resultCount: 3)
        expectClose(gradients[0].doubles, Array(repeating: 0, count: 24))
        expectClose(gradients[1].doubles, [0, 0])
        expectClose(gradients[2].doubles, [3, 3])
    }

    @Test("activation_grad at the kinks: relu′(0) = 0, leaky_relu′(0) = alpha, clip and hard_sigmoid open ranges, hard_swish ±3")
    func activationKinks() throws {
        func gradient(_ activation: String, _ values: [Double], _ attributes: Attributes = [:]) throws -> [Double] {
            let x = try Tensor(shape: [values.count], elements: values)
            let dy = try Tensor(shape: [values.count], elements: Array(repeating: 2.0, count: values.count))
            var all = attributes
            all["activation"] = .string(activation)
            return try ReferenceKernels.evaluate(.activationGrad, operands: [x, dy], attributes: all)[0].doubles
        }
        #expect(try gradient("relu", [-1, 0, 0.5]) == [0, 0, 2])
        #expect(try gradient("leaky_relu", [-1, 0, 0.5], ["alpha": .float(0.1)]) == [0.2, 0.2, 2])
        #expect(try gradient("clip", [-1, 0, 3, 6, 7], ["alpha": .float(0), "beta": .float(6)]) == [0, 0, 2, 0, 0])
        #expect(try gradient("hard_sigmoid", [-2.5, 0, 2.5, 3], ["alpha": .float(0.2), "beta": .float(0.5)]) == [0, 0.4, 0, 0])
        #expect(try gradient("hard_swish", [-3, 0, 1.5, 3, 4]) == [0, 1, 2, 2, 2])
        #expect(try gradient("elu", [0, -1], ["alpha": .float(2)]) == [2, 2 * 2 * 0.36787944117144233])
        #expect(try gradient("none", [5, -5]) == [2, 2])
        expectClose(try gradient("gelu", [0, 1]), [1, 2 * (0.841344746068543 + 0.24197072451914337)])
    }

    @Test("softmax_cross_entropy_grad and hinge_grad on hand-computed cases")
    func lossGradientsByHand() throws {
        let logits = try Tensor(shape: [2, 2], elements: [0, 0, 0, 2.0.squareRoot()] as [Double])
        let labels = try Tensor(shape: [2], elements: [0, 1] as [Int64])
        let dloss = try Tensor(shape: [], elements: [2.0])
        // Row 0: p = (½, ½), label 0: (p − e_0) = (−½, ½); mean over 2 samples, times dloss 2.
        let gradient = try ReferenceKernels.evaluate(.softmaxCrossEntropyGrad, operands: [logits, labels, dloss])[0].doubles
        // Row 1: p = (q, 1 − q) with q = 1/(1 + e^√2), label 1: (q, −q).
        let q = 1 / (1 + exp(2.0.squareRoot()))
        expectClose(gradient, [-0.5, 0.5, q, -q])
        let weights = try Tensor(shape: [2], elements: [3, 1] as [Double])
        let weighted = try ReferenceKernels.evaluate(.softmaxCrossEntropyGrad, operands: [logits, labels, weights, dloss],
                                                     attributes: ["reduction": .string("sum")])[0].doubles
        expectClose(weighted, [-3, 3, 2 * q, -2 * q])
        let scores = try Tensor(shape: [2, 3], elements: [1, 0.5, 3, 2, 1, 0] as [Double])
        let hinge = try ReferenceKernels.evaluate(.hingeGrad, operands: [scores, labels, try Tensor(shape: [2], elements: [1, 10] as [Double])],
                                                  attributes: ["reduction": .string("none")])[0].doubles
        // Row 0 (label 0): both others within the margin. Row 1 (label 1): class 0 is, class 2 sits on the kink (0 + 1 − 1 = 0).
        #expect(hinge == [-2, 1, 1, 10, -10, 0])
    }

    @Test("the reference kernels reject labels out of range and dloss of the wrong shape")
    func badOperands() throws {
        let logits = try Tensor(shape: [2, 3], elements: Array(repeating: 0.0, count: 6))
        let labels = try Tensor(shape: [2], elements: [0, 3] as [Int64]), dloss = try Tensor(shape: [], elements: [1.0])
        #expect(throws: Diagnostic("label 3 is out of range for 3 classes")) {
            try ReferenceKernels.evaluate(.hingeGrad, operands: [logits, labels, dloss])
        }
        let valid = try Tensor(shape: [2], elements: [0, 2] as [Int64])
        #expect(throws: Diagnostic("dloss must have shape [2] for reduction none, found []")) {
            try ReferenceKernels.evaluate(.softmaxCrossEntropyGrad, operands: [logits, valid, dloss], attributes: ["reduction": .string("none")])
        }
        let single = try Tensor(shape: [1, 2, 1], elements: [1, 2] as [Double]), channel = try Tensor(shape: [2], elements: [1, 1] as [Double])
        #expect(throws: Diagnostic("batch_norm_train needs at least 2 values per channel for the unbiased variance, found 1")) {
            try ReferenceKernels.evaluate(.batchNormTrain, operands: [single, channel, channel, channel, channel], resultCount: 5)
        }
    }

    @Test("activation_grad matches finite differences of every forward activation", arguments: DifferentiableActivation.allCases)
    func activationFiniteDifferences(_ activation: DifferentiableActivation) throws {
        var generator = SeededGenerator(seed: 0xAC7 &+ UInt64(activation.rawValue.count))
        for _ in 0..<4 {
            let shape = generator.nextShape(rank: generator.nextInt(in: 1...3), sizes: 1...6)
            let (op, forwardAttributes) = Self.forward(activation, &generator)
            let kinks = Self.kinks(activation, forwardAttributes)
            let values = try generator.nextDoubles(shape, .uniform(-4...4)).doubles.map { x in
                kinks.contains { abs(x - $0) < 1e-3 } ? x + 0.01 : x
            }
            let x = try Tensor(shape: shape, elements: values), dy = try generator.nextDoubles(shape)
            // The attributes come from the forward node, as the differentiate pass derives them.
            var gradientAttributes: Attributes = ["activation": .string("none")]
            if activation != .none {
                gradientAttributes = try #require(DifferentiableActivation.gradientAttributes(of: op, try op.schema.resolve(forwardAttributes)))
                #expect(gradientAttributes["activation"] == .string(activation.rawValue))
            }
            let analytic = try ReferenceKernels.evaluate(.activationGrad, operands: [x, dy], attributes: gradientAttributes)[0]
            let numeric = try FiniteDifferences(op: op, attributes: forwardAttributes).slopes([x], weights: dy, operand: 0)
            let error = FiniteDifferences.relativeError(analytic, numeric)
            #expect(error <= Self.finiteDifferenceBound, "\(activation) \(shape) \(forwardAttributes): \(error)")
        }
    }

    @Test("batch_norm_grad matches finite differences of batch_norm_train's y in x, scale and bias")
    func batchNormFiniteDifferences() throws {
        var generator = SeededGenerator(seed: 0xB9)
        for index in 0..<6 {
            let channels = generator.nextInt(in: 1...3)
            let shape = [generator.nextInt(in: 3...4), channels] + generator.nextShape(rank: index % 3, sizes: 2...4)
            let x = try generator.nextDoubles(shape, .normal(mean: 0.5, standardDeviation: 2))
            let parameters = try [generator.nextDoubles([channels], .uniform(0.5...2)), generator.nextDoubles([channels]),
                                  generator.nextDoubles([channels]), generator.nextDoubles([channels], .uniform(0.5...2))]
            let attributes: Attributes = ["epsilon": .float(generator.nextElement(of: [1e-5, 0.1]))]
            let forward = try ReferenceKernels.evaluate(.batchNormTrain, operands: [x] + parameters, attributes: attributes, resultCount: 5)
            let dy = try generator.nextDoubles(shape)
            let gradients = try ReferenceKernels.evaluate(.batchNormGrad, operands: [x, parameters[0], forward[3], forward[4], dy], resultCount: 3)
            let differences = FiniteDifferences(op: .batchNormTrain, attributes: attributes, result: 0)
            for (operand, gradient) in zip([0, 1, 2], gradients) {
                let numeric = try differences.slopes([x] + parameters, weights: dy, operand: operand)
                let error = FiniteDifferences.relativeError(gradient, numeric)
                #expect(error <= Self.finiteDifferenceBound, "#\(index) \(shape) operand \(operand): \(error)")
            }
        }
    }

    @Test("instance_norm_grad matches finite differences of instance_norm in x, scale and bias")
    func instanceNormFiniteDifferences() throws {
        var generator = SeededGenerator(seed: 0x19)
        for index in 0..<6 {
            let channels = generator.nextInt(in: 1...3)
            let shape = [generator.nextInt(in: 1...2), channels] + generator.nextShape(rank: 1 + index % 3, sizes: 3...5)
            let x = try generator.nextDoubles(shape, .normal(mean: -0.5, standardDeviation: 2))
            let scale = try generator.nextDoubles([channels], .uniform(0.5...2)), bias = try generator.nextDoubles([channels])
            let attributes: Attributes = ["epsilon": .float(generator.nextElement(of: [1e-5, 0.1]))]
            let dy = try generator.nextDoubles(shape)
            let gradients = try ReferenceKernels.evaluate(.instanceNormGrad, operands: [x, scale, dy], attributes: attributes, resultCount: 3)
            for (operand, gradient) in zip([0, 1, 2], gradients) {
                let numeric = try FiniteDifferences(op: .instanceNorm, attributes: attributes).slopes([x, scale, bias], weights: dy, operand: operand)
                let error = FiniteDifferences.relativeError(gradient, numeric)
                #expect(error <= Self.finiteDifferenceBound, "#\(index) \(shape) operand \(operand): \(error)")
            }
        }
    }

    @Test("softmax_cross_entropy_grad matches finite differences of softmax_cross_entropy: every reduction, with and without weights and smoothing")
    func softmaxCrossEntropyFiniteDifferences() throws {
        var generator = SeededGenerator(seed: 0x5CE)
        for reduction in Reduction.allCases {
            for (weighted, smoothing) in [(false, 0.0), (true, 0.0), (false, 0.2), (true, 0.35)] {
                let (samples, classes) = (generator.nextInt(in: 1...4), generator.nextInt(in: 1...5))
                let logits = try generator.nextDoubles([samples, classes], .normal(mean: 0, standardDeviation: 2))
                let labels = try generator.nextLabels(samples: samples, classes: classes)
                let weights = weighted ? [try generator.nextDoubles([classes], .uniform(0.2...2))] : []
                let dloss = try generator.nextDoubles(reduction == .none ? [samples] : [])
                let attributes: Attributes = ["reduction": .string(reduction.rawValue), "label_smoothing": .float(smoothing)]
                let analytic = try ReferenceKernels.evaluate(.softmaxCrossEntropyGrad, operands: [logits, labels] + weights + [dloss],
                                                             attributes: attributes)[0]
                let numeric = try FiniteDifferences(op: .softmaxCrossEntropy, attributes: attributes)
                    .slopes([logits, labels] + weights, weights: dloss, operand: 0)
                let error = FiniteDifferences.relativeError(analytic, numeric)
                #expect(error <= Self.finiteDifferenceBound, "\(reduction) weighted \(weighted) smoothing \(smoothing): \(error)")
            }
        }
    }

    @Test("hinge_grad matches finite differences of hinge: every reduction, several margins")
    func hingeFiniteDifferences() throws {
        var generator = SeededGenerator(seed: 0x417)
        for reduction in Reduction.allCases {
            for margin in [1.0, 0.3, 2.5] {
                let (samples, classes) = (generator.nextInt(in: 1...5), generator.nextInt(in: 2...6))
                let scores = try generator.nextDoubles([samples, classes], .normal(mean: 0, standardDeviation: 1.5))
                let labels = try generator.nextLabels(samples: samples, classes: classes)
                let dloss = try generator.nextDoubles(reduction == .none ? [samples] : [])
                let attributes: Attributes = ["reduction": .string(reduction.rawValue), "margin": .float(margin)]
                let analytic = try ReferenceKernels.evaluate(.hingeGrad, operands: [scores, labels, dloss], attributes: attributes)[0]
                let numeric = try FiniteDifferences(op: .hinge, attributes: attributes).slopes([scores, labels], weights: dloss, operand: 0)
                let error = FiniteDifferences.relativeError(analytic, numeric)
                #expect(error <= Self.finiteDifferenceBound, "\(reduction) margin \(margin): \(error)")
            }
        }
    }

    /// The forward op of `activation` with random parameters.
    static func forward(_ activation: DifferentiableActivation, _ generator: inout SeededGenerator) -> (OpKind, Attributes) {
        let alpha = AttributeValue.float(generator.nextElement(of: [0.01, 0.3, 1.5]))
        switch activation {
        case .none: return (.identity, [:])
        case .relu: return (.relu, [:])
        case .leakyRelu: return (.leakyRelu, ["alpha": alpha])
        case .clip: return (.clip, ["min": .float(generator.nextElement(of: [-1, 0, -2.5])), "max": .float(generator.nextElement(of: [1, 2.5, 6]))])
        case .sigmoid: return (.sigmoid, [:])
        case .tanh: return (.tanh, [:])
        case .hardSigmoid: return (.hardSigmoid, ["alpha": .float(generator.nextElement(of: [0.2, 1.0 / 6])), "beta": .float(0.5)])
        case .hardSwish: return (.hardSwish, [:])
        case .silu: return (.silu, [:])
        case .elu: return (.elu, ["alpha": alpha])
        case .softplus: return (.softplus, [:])
        case .gelu: return (.gelu, [:])
        }
    }

    /// Where the forward activation's derivative jumps.
    static func kinks(_ activation: DifferentiableActivation, _ attributes: Attributes) -> [Double] {
        func number(_ name: String) -> Double { if case .float(let value)? = attributes[name] { return value } else { return 0 } }
        switch activation {
        case .relu, .leakyRelu, .elu: return [0]
        case .clip: return [number("min"), number("max")]
        case .hardSigmoid: return [-number("beta") / number("alpha"), (1 - number("beta")) / number("alpha")]
        case .hardSwish: return [-3, 3]
        default: return []
        }
    }
}

/// Expects every element within 1e-12 (relative to max(1, |expected|)) of `expected`.
private func expectClose(_ actual: [Double], _ expected: [Double], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    #expect(actual.count == expected.count, sourceLocation: sourceLocation)
    for (index, (value, wanted)) in zip(actual, expected).enumerated() where !(abs(value - wanted) <= 1e-12 * max(1, abs(wanted))) {
        Issue.record("element \(index): \(value), expected \(wanted)", sourceLocation: sourceLocation)
    }
}
