import CNNIR
import CNNPasses
import CNNRuntime
import Testing

/// Gradient rules of the layers — convolutions, poolings, normalizations, activations, pads,
/// resizes, dropout and losses — against finite differences, on strided, padded, dilated and
/// grouped shapes.
@Suite struct LayerGradientTests {
    /// One conv configuration: input sizes, weight sizes, attributes.
    struct ConvolutionCase: Sendable, CustomStringConvertible {
        var input: [Int], weight: [Int], attributes: [String: AttributeValue]
        var description: String { "x\(input) w\(weight) \(attributes.keys.sorted())" }
    }

    static let convolutions: [ConvolutionCase] = [
        ConvolutionCase(input: [2, 3, 6, 5], weight: [4, 3, 3, 3], attributes: ["pads": .ints([1, 1, 1, 1])]),
        ConvolutionCase(input: [1, 2, 7, 8], weight: [3, 2, 3, 2], attributes: ["strides": .ints([2, 3]), "pads": .ints([1, 0, 2, 1])]),
        ConvolutionCase(input: [1, 2, 9, 9], weight: [2, 2, 3, 3], attributes: ["dilations": .ints([2, 2]), "pads": .ints([2, 1, 1, 2])]),
        ConvolutionCase(input: [2, 4, 5, 5], weight: [6, 2, 3, 3], attributes: ["groups": .int(2), "strides": .ints([2, 2])]),
        ConvolutionCase(input: [1, 3, 6, 6], weight: [3, 1, 3, 3], attributes: ["groups": .int(3), "pads": .ints([1, 1, 1, 1])]),
        ConvolutionCase(input: [2, 2, 7], weight: [3, 2, 3], attributes: ["strides": .ints([2]), "pads": .ints([1, 1])]),
        // 16 input channels per group: the stride-1 data gradient is a conv with flipped weights.
        ConvolutionCase(input: [1, 16, 5, 4], weight: [3, 16, 3, 3], attributes: ["pads": .ints([1, 0, 2, 1])]),
        ConvolutionCase(input: [1, 32, 6, 6], weight: [4, 16, 3, 2], attributes: ["groups": .int(2), "dilations": .ints([2, 1]), "pads": .ints([2, 1, 1, 0])]),
        ConvolutionCase(input: [1, 2, 4, 4, 3], weight: [2, 2, 2, 3, 2], attributes: ["pads": .ints([1, 0, 1, 0, 1, 0])]),
    ]

    @Test(arguments: convolutions)
    func convolution(_ conv: ConvolutionCase) throws {
        let error = try GradientCheck.check(withRespectTo: ["x", "w", "b"]) { b in
            try b.apply(.conv, [b.input("x", f64(conv.input)), b.input("w", f64(conv.weight)), b.input("b", f64([conv.weight[0]]))],
                        Attributes(conv.attributes))
        }
        #expect(error < GradientCheck.tolerance)
    }

    @Test func convolutionWithAutoPad() throws {
        let error = try GradientCheck.check(withRespectTo: ["x", "w"]) { b in
            try b.apply(.conv, [b.input("x", f64([1, 2, 5, 6])), b.input("w", f64([2, 2, 3, 3]))],
                        ["auto_pad": .string("same_upper"), "strides": .ints([2, 2])])
        }
        #expect(error < GradientCheck.tolerance)
    }

    @Test func transposedConvolution() throws {
        let error = try GradientCheck.check(withRespectTo: ["x", "w", "b"]) { b in
            try b.apply(.convTranspose, [b.input("x", f64([1, 4, 3, 4])), b.input("w", f64([4, 3, 3, 3])), b.input("b", f64([6]))],
                        ["strides": .ints([2, 2]), "pads": .ints([1, 0, 0, 1]), "output_padding": .ints([1, 0]), "groups": .int(2)])
        }
        #expect(error < GradientCheck.tolerance)
    }

    @Test(arguments: [false, true])
    func maxPool(ceilMode: Bool) throws {
        let error = try GradientCheck.check(withRespectTo: ["x"]) { b in
            try b.apply(.maxPool, [b.input("x", f64([2, 2, 7, 6]))],
                        ["kernel": .ints([3, 3]), "strides": .ints([2, 2]), "pads": .ints([1, 1, 0, 0]), "ceil_mode": .bool(ceilMode)])
        }
        #expect(error < GradientCheck.tolerance)
    }

    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
    func avgPool(modes: (Bool, Bool)) throws {
        let error = try GradientCheck.check(withRespectTo: ["x"]) { b in
            try b.apply(.avgPool, [b.input("x", f64([1, 3, 7, 6]))],
                        ["kernel": .ints([3, 2]), "strides": .ints([2, 2]), "pads": .ints([1, 1, 1, 0]),
                         "ceil_mode": .bool(modes.0), "count_include_pad": .bool(modes.1)])
        }
        #expect(error < GradientCheck.tolerance)
    }

    @Test(arguments: [OpKind.avgPool, .maxPool])
    func dilatedPool(op: OpKind) throws {
        let error = try GradientCheck.check(withRespectTo: ["x"]) { b in
            try b.apply(op, [b.input("x", f64([1, 2, 8, 7]))], ["kernel": .ints([2, 3]), "dilations": .ints([2, 2]), "pads": .ints([1, 0, 0, 1])])
        }
        #expect(error < GradientCheck.tolerance)
    }

    @Test func trainingBatchNorm() throws {
        let error = try GradientCheck.check(withRespectTo: ["x", "scale", "bias"], positive: ["variance"]) { b in
            let results = try b.apply(.batchNormTrain, [b.input("x", f64([3, 2, 3, 4])), b.input("scale", f64([2])), b.input("bias", f64([2])),
                                                        b.input("mean", f64([2])), b.input("variance", f64([2]))],
                                      ["epsilon": .float(1e-3)], resultCount: 5)
            return results[0]
        }
        #expect(error < GradientCheck.tolerance)
    }

    @Test func instanceNorm() throws {
        let error = try GradientCheck.check(withRespectTo: ["x", "scale", "bias"]) { b in
            try b.apply(.instanceNorm, [b.input("x", f64([2, 3, 4, 3])), b.input("scale", f64([3])), b.input("bias", f64([3]))])
        }
        #expect(error < GradientCheck.tolerance)
    }

    @Test(arguments: [OpKind.relu, .leakyRelu, .clip, .sigmoid, .tanh, .hardSigmoid, .hardSwish, .silu, .elu, .softplus, .gelu])
    func activation(op: OpKind) throws {
        let attributes: Attributes
        switch op {
        case .leakyRelu: attributes = ["alpha": .float(0.2)]
        case .clip: attributes = ["min": .float(-0.4), "max": .float(0.5)]
        case .hardSigmoid: attributes = ["alpha": .float(0.3), "beta": .float(0.4)]
        case .elu: attributes = ["alpha": .float(0.7)]
        default: attributes = [:]
        }
        let error = try GradientCheck.check(withRespectTo: ["x"]) { b in
            let x = try b.input("x", f64([4, 6]))
            return try b.apply(op, [b.mul(x, b.constant(TensorLiteral(type: f64([]), storage: .floating([4]))))], attributes)
        }
        #expect(error < GradientCheck.tolerance)
    }

    @Test func parametricRelu() throws {
        let error = try GradientCheck.check(withRespectTo: ["x", "slope"]) { b in
            try b.prelu(b.input("x", f64([2, 3, 4])), slope: b.input("slope", f64([3, 1])))
        }
        #expect(error < GradientCheck.tolerance)
    }

    @Test(arguments: ["constant", "reflect", "edge"])
    func pad(mode: String) throws {
        let error = try GradientCheck.check(withRespectTo: ["x"]) { b in
            try b.apply(.pad, [b.input("x", f64([1, 2, 4, 5]))], ["pads": .ints([0, 0, 2, 1, 0, 1, 1, 3]), "mode": .string(mode)])
        }
        #expect(error < GradientCheck.tolerance)
    }

    @Test(arguments: ["nearest", "linear"])
    func resize(mode: String) throws {
        let error = try GradientCheck.check(withRespectTo: ["x"]) { b in
            try b.resize(b.input("x", f64([1, 2, 3, 4])), mode: ResizeMode(rawValue: mode) ?? .nearest, scales: [1, 1, 2, 1.5])
        }
        #expect(error < GradientCheck.tolerance)
    }

    @Test func trainingDropout() throws {
        let error = try GradientCheck.check(withRespectTo: ["x"], fixed: ["step": try Tensor(shape: [], elements: [Int64(3)])]) { b in
            let results = try b.apply(.dropout, [b.input("x", f64([4, 5])), b.input("step", TensorType(.i64, Shape([Int]())))],
                                      ["ratio": .float(0.3), "seed": .int(5), "training": .bool(true)], resultCount: 2)
            return results[0]
        }
        #expect(error < GradientCheck.tolerance)
    }

    /// Class labels for 4 samples of 5 classes.
    static func labels() throws -> Tensor { try Tensor(shape: [4], elements: [Int64](arrayLiteral: 2, 0, 3, 2)) }

    @Test(arguments: ["mean", "sum", "none"])
    func softmaxCrossEntropy(reduction: String) throws {
        for (weighted, smoothing) in [(false, 0.0), (true, 0.0), (false, 0.1), (true, 0.2)] {
            let error = try GradientCheck.check(withRespectTo: ["logits"], fixed: ["labels": Self.labels()], positive: ["weights"]) { b in
                var operands = [try b.input("logits", f64([4, 5])), try b.input("labels", TensorType(.i64, [4]))]
                if weighted { operands.append(try b.input("weights", f64([5]))) }
                return try b.apply(.softmaxCrossEntropy, operands, ["reduction": .string(reduction), "label_smoothing": .float(smoothing)])
            }
            #expect(error < GradientCheck.tolerance, "weighted \(weighted), smoothing \(smoothing)")
        }
    }

    @Test(arguments: ["mean", "sum", "none"])
    func hinge(reduction: String) throws {
        let error = try GradientCheck.check(withRespectTo: ["scores"], fixed: ["labels": Self.labels()]) { b in
            try b.apply(.hinge, [b.input("scores", f64([4, 5])), b.input("labels", TensorType(.i64, [4]))],
                        ["reduction": .string(reduction), "margin": .float(0.6)])
        }
        #expect(error < GradientCheck.tolerance)
    }

    @Test(arguments: ["mean", "sum", "none"])
    func negativeLogLikelihood(reduction: String) throws {
        let error = try GradientCheck.check(withRespectTo: ["scores"], fixed: ["labels": Self.labels()], positive: ["weights"]) { b in
            let probabilities = try b.logSoftmax(b.input("scores", f64([4, 5])), axis: 1)
            return try b.apply(.nllLoss, [probabilities, b.input("labels", TensorType(.i64, [4])), b.input("weights", f64([5]))],
                               ["reduction": .string(reduction)])
        }
        #expect(error < GradientCheck.tolerance)
    }
}
