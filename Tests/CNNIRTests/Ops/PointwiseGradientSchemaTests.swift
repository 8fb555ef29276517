import Testing
import CNNIR

/// The schemas of batch_norm_train, the normalization, activation and loss gradients, and
/// dropout's training form: result types for good input, one clear diagnostic for each kind of
/// bad input, and the dropout mask's formula.
@Suite struct PointwiseGradientSchemaTests {
    /// The result types of `op` for a node of `resultCount` results.
    func results(_ op: OpKind, _ operands: [TensorType], _ attributes: Attributes = [:], resultCount: Int = 1) throws -> [TensorType] {
        try op.schema.inferResultTypes(operands: operands, attributes: attributes, resultCount: resultCount)
    }

    @Test func batchNormTrain() throws {
        let channel = f32(4)
        #expect(try results(.batchNormTrain, [f32(2, 4, 3, 3), channel, channel, channel, channel], ["momentum": .float(0.99)], resultCount: 5)
                == [f32(2, 4, 3, 3), channel, channel, channel, channel])
        #expect(try results(.batchNormTrain, [f64(.named("N"), 3), f64(3), f64(3), f64(3), f64(3)]) == [f64(.named("N"), 3)] + Array(repeating: f64(3), count: 4))
        #expect(inferenceError(.batchNormTrain, [f32(2, 4, 3, 3), channel, channel, channel, f32(5)])
                == "running_var must be f32[4] (one value per channel of x), found f32[5]")
        #expect(inferenceError(.batchNormTrain, [f32(1, 4, 1, 1), channel, channel, channel, channel])
                == "batch_norm_train needs at least 2 values per channel (N times the spatial size) for the unbiased variance, found 1 in f32[1,4,1,1]")
        #expect(inferenceError(.batchNormTrain, [f32(2, 4), channel, channel, channel, channel], ["momentum": .float(1.5)])
                == "momentum must be in [0, 1], found 1.5")
        #expect(inferenceError(.batchNormTrain, [f32(2, 4), channel, channel, channel, channel], ["epsilon": .float(0)])
                == "epsilon must be positive, found 0.0")
        #expect(inferenceError(.batchNormTrain, [i64(2, 4), i64(4), i64(4), i64(4), i64(4)])
                == "x must have a floating type (f32 or f64), found i64[2,4]")
        #expect(OpKind.batchNormTrain.schema.operandCountProblem(4)
                == "batch_norm_train takes 5 operands (x, scale, bias, running_mean, running_var), found 4")
    }

    @Test func batchNormGrad() throws {
        let x = f32(8, 3, 5, 5), channel = f32(3)
        #expect(try results(.batchNormGrad, [x, channel, channel, channel, x], resultCount: 3) == [x, channel, channel])
        #expect(inferenceError(.batchNormGrad, [x, channel, channel, channel, f32(8, 3, 5, 4)])
                == "dy must be f32[8,3,5,5] (the gradient of y, x's type), found f32[8,3,5,4]")
        #expect(inferenceError(.batchNormGrad, [x, channel, f64(3), channel, x])
                == "batch_mean must be f32[3] (one value per channel of x), found f64[3]")
        #expect(inferenceError(.batchNormGrad, [f32(8), f32(8), f32(8), f32(8), f32(8)])
                == "x must have rank at least 2 (N, C, ...), found f32[8]")
    }

    @Test func instanceNormGrad() throws {
        let x = f64(2, 3, 7), channel = f64(3)
        #expect(try results(.instanceNormGrad, [x, channel, x], ["epsilon": .float(1e-3)], resultCount: 3) == [x, channel, channel])
        #expect(inferenceError(.instanceNormGrad, [f64(2, 3), f64(3), f64(2, 3)])
                == "x must have rank at least 3 (N, C and spatial axes), found f64[2,3]")
        #expect(inferenceError(.instanceNormGrad, [x, f64(2), x]) == "scale must be f64[3] (one value per channel of x), found f64[2]")
    }

    @Test func activationGrad() throws {
        for activation in DifferentiableActivation.allCases {
            #expect(try infer(.activationGrad, [f32(2, 5), f32(2, 5)], ["activation": .string(activation.rawValue), "beta": .float(6)]) == f32(2, 5))
        }
        #expect(DifferentiableActivation.allCases.count == FusedActivation.allCases.count + 3)
        #expect(inferenceError(.activationGrad, [f32(2, 5), f32(2, 5)], ["activation": .string("swish")])
                == "activation must be one of none, relu, leaky_relu, clip, sigmoid, tanh, hard_sigmoid, hard_swish, silu, elu, softplus, gelu; found \"swish\"")
        #expect(inferenceError(.activationGrad, [f32(2, 5), f32(5)], ["activation": .string("relu")])
                == "dy must be f32[2,5] (the gradient of the activation's result, x's type), found f32[5]")
        #expect(inferenceError(.activationGrad, [f32(3), f32(3)], ["activation": .string("clip"), "alpha": .float(6)])
                == "clip's alpha (6.0) must not exceed its beta (0.0)")
        #expect(inferenceError(.activationGrad, [f32(3), f32(3)]) == "missing required attribute 'activation' (a string)")
    }

    @Test func activationGradAttributesOfTheForwardOps() {
        #expect(DifferentiableActivation.gradientAttributes(of: .clip, ["min": .float(0), "max": .float(6)])
                == ["activation": .string("clip"), "alpha": .float(0), "beta": .float(6)])
        #expect(DifferentiableActivation.gradientAttributes(of: .hardSigmoid, ["alpha": .float(0.2), "beta": .float(0.5)])
                == ["activation": .string("hard_sigmoid"), "alpha": .float(0.2), "beta": .float(0.5)])
        #expect(DifferentiableActivation.gradientAttributes(of: .elu, ["alpha": .float(1)]) == ["activation": .string("elu"), "alpha": .float(1)])
        #expect(DifferentiableActivation.gradientAttributes(of: .gelu, ["approximate": .string("none")]) == ["activation": .string("gelu")])
        #expect(DifferentiableActivation.gradientAttributes(of: .gelu, ["approximate": .string("tanh")]) == nil)
        #expect(DifferentiableActivation.gradientAttributes(of: .softmax, [:]) == nil)
        for fused in FusedActivation.allCases { #expect(DifferentiableActivation(fused).rawValue == fused.rawValue) }
    }

    @Test func softmaxCrossEntropyGrad() throws {
        #expect(try infer(.softmaxCrossEntropyGrad, [f32(8, 10), i64(8), f32()]) == f32(8, 10))
        #expect(try infer(.softmaxCrossEntropyGrad, [f32(8, 10), i64(8), f32(10), f32(8)], ["reduction": .string("none")]) == f32(8, 10))
        #expect(OpKind.softmaxCrossEntropyGrad.schema.operandCountProblem(2)
                == "softmax_cross_entropy_grad takes 3 or 4 operands (logits, labels, weights?, dloss), found 2")
        #expect(inferenceError(.softmaxCrossEntropyGrad, [f32(8, 10), i64(8), f32(8)])
                == "dloss must be f32[] (the gradient of the reduced loss, a scalar), found f32[8]")
        #expect(inferenceError(.softmaxCrossEntropyGrad, [f32(8, 10), i64(8), f32()], ["reduction": .string("none")])
                == "dloss must be f32[8] (the gradient of one loss per sample, for reduction none), found f32[]")
        #expect(inferenceError(.softmaxCrossEntropyGrad, [f32(8, 10), i64(8), f32(8), f32()])
                == "weights must be f32[10] (one weight per class), found f32[8]")
        #expect(inferenceError(.softmaxCrossEntropyGrad, [f32(8, 10), i64(8), f32()], ["label_smoothing": .float(-0.1)])
                == "label_smoothing must be in [0, 1], found -0.1")
        #expect(inferenceError(.softmaxCrossEntropyGrad, [f32(8, 10), f32(8), f32()])
                == "labels must be i64[8] (one class index per sample), found f32[8]")
    }

    @Test func hingeGrad() throws {
        #expect(try infer(.hingeGrad, [f64(4, 3), i64(4), f64()], ["margin": .float(0.5)]) == f64(4, 3))
        #expect(try infer(.hingeGrad, [f32(4, 3), i64(4), f32(4)], ["reduction": .string("none")]) == f32(4, 3))
        #expect(inferenceError(.hingeGrad, [f32(4, 3), i64(4), f64()]) == "dloss must be f32[] (the gradient of the reduced loss, a scalar), found f64[]")
        #expect(inferenceError(.hingeGrad, [f32(4, 3, 2), i64(4), f32()]) == "scores must have rank 2 (N samples, C classes), found f32[4,3,2]")
        #expect(inferenceError(.hingeGrad, [f32(4, 3), i64(4), f32()], ["reduction": .string("max")])
                == "reduction must be one of mean, sum, none; found \"max\"")
    }

    @Test func dropoutTrainingForm() throws {
        #expect(try results(.dropout, [f32(4, 128)]) == [f32(4, 128)])
        #expect(try results(.dropout, [f32(4, 128), i64()], ["training": .bool(true)], resultCount: 2) == [f32(4, 128), f32(4, 128)])
        #expect(try results(.dropout, [f64(3)], ["training": .bool(true), "ratio": .float(0)]) == [f64(3), f64(3)])
        #expect(inferenceError(.dropout, [f32(4), i64(1)], ["training": .bool(true)])
                == "step must be i64[] (the training step, an i64 scalar), found i64[1]")
        #expect(inferenceError(.dropout, [f32(4)], ["ratio": .float(1)]) == "ratio must be in [0, 1), found 1.0")
        #expect(inferenceError(.dropout, [i64(4)]) == "x must have a floating type (f32 or f64), found i64[4]")
        #expect(OpKind.dropout.schema.operandCountProblem(3) == "dropout takes 1 or 2 operands (x, step?), found 3")
    }

    @Test func verifierChecksTheResultCounts() throws {
        let text = """
        graph @g(%x: f32[2,4,3,3], %s: f32[4], %b: f32[4], %m: f32[4], %v: f32[4], %step: i64[]) {
          %y = batch_norm_train %x, %s, %b, %m, %v : f32[2,4,3,3]
          %d = dropout %x, %step {training = true} : f32[2,4,3,3]
          return %y, %d
        }
        """
        let graph = try IRParser.parse(text, file: "g.ir")
        let error = try #require(throws: DiagnosticList.self) { try Verifier.verify(graph) }
        let messages = error.diagnostics.map(\.message)
        #expect(messages == ["declares 1 results, but batch_norm_train produces 5", "declares 1 results, but dropout produces 2"])
    }

    @Test("the dropout mask is SplitMix64's stream keyed by seed and step, kept where its top 24 bits reach the ratio")
    func dropoutMaskFormula() {
        for (seed, step, ratio) in [(0, Int64(0), 0.5), (7, 3, 0.25), (-5, 1 << 40, 0.9)] {
            let mask = DropoutMask(seed: seed, step: step, ratio: ratio)
            var outer = SeededGenerator(seed: UInt64(bitPattern: Int64(seed)))
            var keyed = SeededGenerator(seed: outer.next() ^ UInt64(bitPattern: step))
            let key = keyed.next()
            #expect(mask.key == key)
            var elements = SeededGenerator(seed: key)
            var kept = 0
            for index in 0..<4096 {
                let draw = elements.next()
                #expect(mask.keeps(index) == (Double(draw >> 40) / 0x1p24 >= ratio))
                if mask.keeps(index) { kept += 1 }
            }
            let fraction = Double(kept) / 4096
            #expect(abs(fraction - (1 - ratio)) < 0.03, "kept \(fraction) for ratio \(ratio)")
        }
        #expect(DropoutMask(seed: 1, step: 0, ratio: 0.5) != DropoutMask(seed: 1, step: 1, ratio: 0.5))
        #expect((0..<100).allSatisfy { DropoutMask(seed: 3, step: 9, ratio: 0).keeps($0) })
    }
}
