import Testing
import CNNIR

/// Shape inference and diagnostics of the optimizer ops, learning_rate, global_norm_scale and
/// nll_loss / nll_loss_grad.
@Suite struct OptimizerSchemaTests {
    /// Every result type `op` infers.
    func inferAll(_ op: OpKind, _ operands: [TensorType], _ attributes: Attributes = [:]) throws -> [TensorType] {
        try op.schema.inferResultTypes(operands: operands, attributes: attributes)
    }

    @Test func updatesGiveTheNextParameterAndState() throws {
        let x = f32(64, 3, 3, 3), lr = f32(), step = i64()
        #expect(try inferAll(.sgdUpdate, [x, x, lr], ["weight_decay": .float(1e-4)]) == [x])
        #expect(try inferAll(.momentumUpdate, [x, x, x, lr, step], ["nesterov": .bool(true)]) == [x, x])
        #expect(try inferAll(.adagradUpdate, [x, x, x, lr, step]) == [x, x])
        #expect(try inferAll(.adamUpdate, [x, x, x, x, lr, step], ["decoupled_weight_decay": .float(0.01)]) == [x, x, x])
        #expect(try inferAll(.rmspropUpdate, [x, x, x, lr]) == [x, x])
        let named = f64(.named("C"), 4)
        #expect(try inferAll(.adamUpdate, [named, named, named, named, f32(), step]) == [named, named, named])
    }

    @Test func updatesRejectMismatchedOperands() {
        let x = f32(4, 3)
        #expect(inferenceError(.sgdUpdate, [x, f32(3, 4), f32()]) == "g must be f32[4,3] (x's type), found f32[3,4]")
        #expect(inferenceError(.sgdUpdate, [x, x, f32(1)]) == "lr must have rank 0 (a scalar), found f32[1]")
        #expect(inferenceError(.sgdUpdate, [i64(4), i64(4), f32()]) == "x must have a floating type (f32 or f64), found i64[4]")
        #expect(inferenceError(.momentumUpdate, [x, x, f64(4, 3), f32(), i64()]) == "v must be f32[4,3] (x's type), found f64[4,3]")
        #expect(inferenceError(.momentumUpdate, [x, x, x, f32(), f32()]) == "step must be i64[] (the update count, a scalar), found f32[]")
        #expect(inferenceError(.adamUpdate, [x, x, x, f32(4), f32(), i64()]) == "v must be f32[4,3] (x's type), found f32[4]")
        #expect(inferenceError(.adamUpdate, [x, x, x, x, f32()]) == "adam_update takes 6 operands (x, g, m, v, lr, step), found 5")
    }

    @Test func updatesRejectBadAttributes() {
        let x = f32(8), lr = f32(), step = i64()
        #expect(inferenceError(.sgdUpdate, [x, x, lr], ["weight_decay": .float(-1)]) == "weight_decay must be a finite number ≥ 0, found -1.0")
        #expect(inferenceError(.adamUpdate, [x, x, x, x, lr, step], ["alpha": .float(1)]) == "alpha must be in [0, 1), found 1.0")
        #expect(inferenceError(.adamUpdate, [x, x, x, x, lr, step], ["decoupled_weight_decay": .float(2)])
                == "decoupled_weight_decay must be in [0, 1], found 2.0")
        #expect(inferenceError(.adagradUpdate, [x, x, x, lr, step], ["epsilon": .float(0)]) == "epsilon must be positive, found 0.0")
        #expect(inferenceError(.adagradUpdate, [x, x, x, lr, step], ["decay_factor": .float(-0.5)])
                == "decay_factor must be a finite number ≥ 0, found -0.5")
        #expect(inferenceError(.rmspropUpdate, [x, x, x, lr], ["decay": .float(1.5)]) == "decay must be in [0, 1], found 1.5")
        #expect(inferenceError(.momentumUpdate, [x, x, x, lr, step], ["alpha": .float(.infinity)]) == "alpha must be finite, found inf")
        #expect(inferenceError(.momentumUpdate, [x, x, x, lr, step], ["mode": .string("nesterov")])
                == "unknown attribute 'mode' for momentum_update; known attributes: alpha, beta, weight_decay, nesterov")
    }

    @Test func defaultsFollowONNX() {
        func defaultValue(_ op: OpKind, _ name: String) -> AttributeValue? { op.schema.attribute(named: name)?.defaultValue }
        #expect(defaultValue(.adamUpdate, "alpha") == .float(0.9) && defaultValue(.adamUpdate, "beta") == .float(0.999))
        #expect(defaultValue(.adamUpdate, "epsilon") == .float(1e-6) && defaultValue(.adagradUpdate, "epsilon") == .float(1e-6))
        #expect(defaultValue(.adagradUpdate, "decay_factor") == .float(0))
        #expect(defaultValue(.momentumUpdate, "nesterov") == .bool(false))
        #expect(defaultValue(.nllLoss, "reduction") == .string("mean") && defaultValue(.nllLoss, "ignore_index") == .ints([]))
        #expect(defaultValue(.learningRate, "base") == nil && defaultValue(.globalNormScale, "max_norm") == nil)
    }

    @Test func learningRateIsAnF32Scalar() throws {
        #expect(try infer(.learningRate, [i64()], ["base": .float(0.1), "schedule": .string("cosine"), "decay_steps": .int(100)]) == f32())
        #expect(inferenceError(.learningRate, [i64(1)], ["base": .float(0.1)]) == "step must be i64[] (the update count, a scalar), found i64[1]")
        #expect(inferenceError(.learningRate, [i64()]) == "missing required attribute 'base' (a number)")
        #expect(inferenceError(.learningRate, [i64()], ["base": .float(0.1), "schedule": .string("linear")])
                == "schedule must be one of constant, step, exponential, cosine; found \"linear\"")
        #expect(inferenceError(.learningRate, [i64()], ["base": .float(0.1), "decay_steps": .int(0)]) == "decay_steps must be ≥ 1, found 0")
        #expect(inferenceError(.learningRate, [i64()], ["base": .float(0.1), "warmup_steps": .int(-2)]) == "warmup_steps must be ≥ 0, found -2")
        #expect(inferenceError(.learningRate, [i64()], ["base": .float(0.1), "decay_rate": .float(0)]) == "decay_rate must be positive, found 0.0")
    }

    @Test func globalNormScaleTakesAnyFloatingGradients() throws {
        #expect(try infer(.globalNormScale, [f32(3, 3), f64(7), f32(.named("N"))], ["max_norm": .float(5)]) == f32())
        #expect(inferenceError(.globalNormScale, [f32(3), i64(2)], ["max_norm": .float(5)])
                == "gradient 2 must have a floating type (f32 or f64), found i64[2]")
        #expect(inferenceError(.globalNormScale, [f32(3)], ["max_norm": .float(0)]) == "max_norm must be a positive number, found 0.0")
        #expect(inferenceError(.globalNormScale, [], ["max_norm": .float(1)]) == "global_norm_scale takes at least 1 operand (gradients...), found 0")
    }

    @Test func nllLossReducesOrKeepsPositions() throws {
        #expect(try infer(.nllLoss, [f32(8, 10), i64(8)]) == f32())
        #expect(try infer(.nllLoss, [f32(2, 5, 3, 4), i64(2, 3, 4), f32(5)], ["reduction": .string("none")]) == f32(2, 3, 4))
        #expect(try infer(.nllLoss, [f64(.named("N"), 3, 6), i64(.named("N"), 6)], ["ignore_index": .ints([-1])]) == f64())
        #expect(inferenceError(.nllLoss, [f32(8), i64(8)]) == "log_probabilities must have rank at least 2 (N, C, then any spatial axes), found f32[8]")
        #expect(inferenceError(.nllLoss, [f32(2, 5, 3), i64(2, 5)]) == "labels must be i64[2,3] (one class index per position), found i64[2,5]")
        #expect(inferenceError(.nllLoss, [f32(2, 5), i64(2), f32(2)]) == "weights must be f32[5] (one weight per class), found f32[2]")
        #expect(inferenceError(.nllLoss, [f32(2, 5), i64(2)], ["ignore_index": .ints([1, 2])]) == "ignore_index must hold at most one label, found [1,2]")
        #expect(inferenceError(.nllLoss, [f32(2, 5), i64(2)], ["reduction": .string("max")]) == "reduction must be one of mean, sum, none; found \"max\"")
    }

    @Test func nllLossGradTakesDlossLast() throws {
        #expect(try infer(.nllLossGrad, [f32(8, 10), i64(8), f32()]) == f32(8, 10))
        #expect(try infer(.nllLossGrad, [f32(2, 5, 3), i64(2, 3), f32(5), f32(2, 3)], ["reduction": .string("none")]) == f32(2, 5, 3))
        #expect(inferenceError(.nllLossGrad, [f32(8, 10), i64(8), f32(8)]) == "dloss must be f32[] (nll_loss's result type), found f32[8]")
        #expect(inferenceError(.nllLossGrad, [f32(8, 10), i64(8), f32(10), f32(8)], ["reduction": .string("none")]) == nil)
        #expect(inferenceError(.nllLossGrad, [f32(8, 10), i64(8), f32(8), f32()]) == "weights must be f32[10] (one weight per class), found f32[8]")
        #expect(inferenceError(.nllLossGrad, [f32(8, 10), i64(8)]) == "nll_loss_grad takes 3 or 4 operands (log_probabilities, labels, weights?, dloss), found 2")
    }

    @Test func multiResultNodesParseAndVerify() throws {
        let text = """
        graph @step(%x: f32[4,3], %g: f32[4,3], %m: f32[4,3], %v: f32[4,3], %step: i64[]) {
          %lr = learning_rate %step {base = 0.01, schedule = "cosine", warmup_steps = 10, decay_steps = 1000} : f32[]
          %scale = global_norm_scale %g {max_norm = 1.0} : f32[]
          %clipped = mul %g, %scale : f32[4,3]
          %x.next, %m.next, %v.next = adam_update %x, %clipped, %m, %v, %lr, %step {decoupled_weight_decay = 0.01} : f32[4,3], f32[4,3], f32[4,3]
          return %x.next, %m.next, %v.next
        }
        """
        let graph = try IRParser.parse(text, file: "step.ir")
        try Verifier.verify(graph)
        #expect(graph.nodes.map(\.op) == [.learningRate, .globalNormScale, .mul, .adamUpdate])
        #expect(try IRParser.parse(IRPrinter.print(graph), file: "printed.ir") == graph)
        let wrongCount = text.replacingOccurrences(of: "%x.next, %m.next, %v.next = adam_update", with: "%x.next, %m.next = adam_update")
            .replacingOccurrences(of: ": f32[4,3], f32[4,3], f32[4,3]", with: ": f32[4,3], f32[4,3]")
            .replacingOccurrences(of: "return %x.next, %m.next, %v.next", with: "return %x.next, %m.next")
        #expect(throws: DiagnosticList.self) { try Verifier.verify(try IRParser.parse(wrongCount, file: "step.ir")) }
    }
}
