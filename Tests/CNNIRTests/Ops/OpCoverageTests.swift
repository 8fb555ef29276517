import Testing
import CNNIR

/// One valid application of every op, with the result type it must infer.
struct InferenceCase: Sendable, CustomTestStringConvertible {
    var op: OpKind
    var operands: [TensorType]
    var attributes: Attributes
    var expected: TensorType

    init(_ op: OpKind, _ operands: [TensorType], _ expected: TensorType) {
        self.init(op, operands, [:], expected)
    }

    init(_ op: OpKind, _ operands: [TensorType], _ attributes: Attributes, _ expected: TensorType) {
        self.op = op
        self.operands = operands
        self.attributes = attributes
        self.expected = expected
    }

    var testDescription: String { op.rawValue }
}

/// The representative case per op; `everyOpHasACase` keeps it complete.
let representativeCases: [InferenceCase] = [
    InferenceCase(.constant, [], ["value": .tensor(TensorLiteral(type: i64(2), storage: .integer([3, 4])))], i64(2)),
    InferenceCase(.conv, [f32(1, 3, 224, 224), f32(64, 3, 7, 7), f32(64)], ["strides": .ints([2, 2]), "pads": .ints([3, 3, 3, 3])],
                  f32(1, 64, 112, 112)),
    InferenceCase(.fusedConv, [f32(1, 8, 6, 6), f32(4, 8, 3, 3), f32(4), f32(1, 4, 4, 4)],
                  ["activation": .string("clip"), "activation_beta": .float(6)], f32(1, 4, 4, 4)),
    InferenceCase(.convTranspose, [f32(1, 8, 4, 4), f32(8, 3, 4, 4)], ["strides": .ints([2, 2]), "pads": .ints([1, 1, 1, 1])],
                  f32(1, 3, 8, 8)),
    InferenceCase(.maxPool, [f32(1, 64, 112, 112)], ["kernel": .ints([3, 3]), "strides": .ints([2, 2]), "pads": .ints([1, 1, 1, 1])],
                  f32(1, 64, 56, 56)),
    InferenceCase(.avgPool, [f32(1, 8, 7, 7)], ["kernel": .ints([2, 2]), "strides": .ints([2, 2]), "ceil_mode": .bool(true)],
                  f32(1, 8, 4, 4)),
    InferenceCase(.globalAvgPool, [f32(2, 512, 7, 7)], f32(2, 512, 1, 1)),
    InferenceCase(.globalMaxPool, [f32(2, 16, 5, 6, 7)], f32(2, 16, 1, 1, 1)),
    InferenceCase(.batchNorm, [f32(1, 4, 3, 3), f32(4), f32(4), f32(4), f32(4)], ["epsilon": .float(1e-3)], f32(1, 4, 3, 3)),
    InferenceCase(.instanceNorm, [f64(2, 3, 5), f64(3), f64(3)], f64(2, 3, 5)),
    InferenceCase(.lrn, [f32(1, 96, 55, 55)], ["size": .int(5)], f32(1, 96, 55, 55)),
    InferenceCase(.relu, [f32(2, 3)], f32(2, 3)),
    InferenceCase(.leakyRelu, [f32(2, 3)], ["alpha": .float(0.1)], f32(2, 3)),
    InferenceCase(.prelu, [f32(1, 16, 8, 8), f32(16, 1, 1)], f32(1, 16, 8, 8)),
    InferenceCase(.clip, [f32(4)], ["min": .float(0), "max": .float(6)], f32(4)),
    InferenceCase(.sigmoid, [f64(3, 3)], f64(3, 3)),
    InferenceCase(.tanh, [f32(7)], f32(7)),
    InferenceCase(.hardSigmoid, [f32(2, 2)], f32(2, 2)),
    InferenceCase(.hardSwish, [f32(1, 16, 4, 4)], f32(1, 16, 4, 4)),
    InferenceCase(.silu, [f32(5)], f32(5)),
    InferenceCase(.elu, [f32(5)], ["alpha": .float(0.5)], f32(5)),
    InferenceCase(.softmax, [f32(2, 10)], f32(2, 10)),
    InferenceCase(.logSoftmax, [f32(2, 10, 3)], ["axis": .int(1)], f32(2, 10, 3)),
    InferenceCase(.gemm, [f32(4, 256), f32(10, 256), f32(10)], ["trans_b": .bool(true)], f32(4, 10)),
    InferenceCase(.matmul, [f32(5, 1, 2, 3), f32(4, 3, 6)], f32(5, 4, 2, 6)),
    InferenceCase(.add, [f32(8, 1, 6, 1), f32(7, 1, 5)], f32(8, 7, 6, 5)),
    InferenceCase(.sub, [f32(3, 4), f32(4)], f32(3, 4)),
    InferenceCase(.mul, [f32(1, 64, 1, 1), f32(2, 64, 7, 7)], f32(2, 64, 7, 7)),
    InferenceCase(.div, [f64(2, 3), f64()], f64(2, 3)),
    InferenceCase(.concat, [f32(1, 2, 4, 4), f32(1, 3, 4, 4), f32(1, 1, 4, 4)], ["axis": .int(1)], f32(1, 6, 4, 4)),
    InferenceCase(.flatten, [f32(2, 3, 4, 5)], ["axis": .int(2)], f32(6, 20)),
    InferenceCase(.reshape, [f32(2, 3, 4)], ["shape": .ints([0, -1])], f32(2, 12)),
    InferenceCase(.transpose, [f32(2, 3, 4)], ["perm": .ints([0, 2, 1])], f32(2, 4, 3)),
    InferenceCase(.pad, [f32(1, 3, 4, 4)], ["pads": .ints([0, 0, 1, 2, 0, 0, 3, 4])], f32(1, 3, 8, 10)),
    InferenceCase(.resize, [f32(1, 3, 4, 4)], ["scales": .floats([1, 1, 2, 2])], f32(1, 3, 8, 8)),
    InferenceCase(.dropout, [f32(4, 128)], ["ratio": .float(0.2)], f32(4, 128)),
    InferenceCase(.identity, [f64(1)], f64(1)),
    InferenceCase(.squeeze, [f32(1, 3, 1, 5)], ["axes": .ints([-2])], f32(1, 3, 5)),
    InferenceCase(.unsqueeze, [f32(3, 4)], ["axes": .ints([0, -1])], f32(1, 3, 4, 1)),
    InferenceCase(.softmaxCrossEntropy, [f32(8, 10), i64(8)], f32()),
    InferenceCase(.mse, [f32(4, 3), f32(4, 3)], ["reduction": .string("none")], f32(4, 3)),
    InferenceCase(.hinge, [f32(8, 10), i64(8)], ["reduction": .string("sum")], f32()),
    InferenceCase(.slice, [f32(5, 4)], ["starts": .ints([-1]), "ends": .ints([Int.min]), "steps": .ints([-2])], f32(3, 4)),
    InferenceCase(.split, [f32(2, 6)], ["axis": .int(1), "split": .ints([6])], f32(2, 6)),
    InferenceCase(.reduceMean, [f32(1, 64, 7, 7)], ["axes": .ints([2, 3])], f32(1, 64, 1, 1)),
    InferenceCase(.reduceSum, [i64(2, 3)], ["keepdims": .bool(false)], i64()),
    InferenceCase(.reduceMax, [f32(4, 10)], ["axes": .ints([-1]), "keepdims": .bool(false)], f32(4)),
    InferenceCase(.reduceMin, [f64(4, 10)], ["axes": .ints([1])], f64(4, 1)),
    InferenceCase(.reduceL2, [f32(8, 128)], ["axes": .ints([1])], f32(8, 1)),
    InferenceCase(.argmax, [f32(4, 10)], ["axis": .int(1), "keepdims": .bool(false)], i64(4)),
    InferenceCase(.argmin, [i64(5, 3)], i64(1, 3)),
    InferenceCase(.pow, [f32(2, 3), f32()], f32(2, 3)),
    InferenceCase(.sqrt, [f32(16)], f32(16)),
    InferenceCase(.exp, [f64(2, 5)], f64(2, 5)),
    InferenceCase(.log, [f32(3)], f32(3)),
    InferenceCase(.neg, [i64(4)], i64(4)),
    InferenceCase(.abs, [f32(1, 8)], f32(1, 8)),
    InferenceCase(.reciprocal, [f32(8)], f32(8)),
    InferenceCase(.erf, [f32(2, 4)], f32(2, 4)),
    InferenceCase(.softplus, [f32(10)], f32(10)),
    InferenceCase(.gelu, [f32(1, 197, 768)], ["approximate": .string("tanh")], f32(1, 197, 768)),
    InferenceCase(.sum, [f32(2, 3), f32(3), f32(2, 1)], f32(2, 3)),
    InferenceCase(.max, [i64(4), i64()], i64(4)),
    InferenceCase(.min, [f32(2, 2), f32(2, 1)], f32(2, 2)),
    InferenceCase(.mean, [f32(3), f32(3)], f32(3)),
    InferenceCase(.equal, [i64(2, 3), i64(3)], boolean(2, 3)),
    InferenceCase(.less, [f32(4), f32()], boolean(4)),
    InferenceCase(.greater, [f32(2, 1), f32(1, 2)], boolean(2, 2)),
    InferenceCase(.where, [boolean(2, 1), f32(2, 3), f32()], f32(2, 3)),
    InferenceCase(.expand, [f32(3, 1)], ["shape": .ints([2, 1, 6])], f32(2, 3, 6)),
    InferenceCase(.tile, [f32(2, 3)], ["repeats": .ints([1, 2])], f32(2, 6)),
    InferenceCase(.cast, [f32(2, 3)], ["to": .string("i64")], i64(2, 3)),
    InferenceCase(.depthToSpace, [f32(1, 12, 4, 4)], ["blocksize": .int(2)], f32(1, 3, 8, 8)),
    InferenceCase(.spaceToDepth, [f32(1, 3, 8, 8)], ["blocksize": .int(2)], f32(1, 12, 4, 4)),
    InferenceCase(.batchNormTrain, [f32(8, 4, 3, 3), f32(4), f32(4), f32(4), f32(4)], ["momentum": .float(0.99)], f32(8, 4, 3, 3)),
    InferenceCase(.batchNormGrad, [f32(8, 4, 3, 3), f32(4), f32(4), f32(4), f32(8, 4, 3, 3)], f32(8, 4, 3, 3)),
    InferenceCase(.instanceNormGrad, [f64(2, 3, 5), f64(3), f64(2, 3, 5)], f64(2, 3, 5)),
    InferenceCase(.activationGrad, [f32(2, 3), f32(2, 3)], ["activation": .string("leaky_relu"), "alpha": .float(0.1)], f32(2, 3)),
    InferenceCase(.softmaxCrossEntropyGrad, [f32(8, 10), i64(8), f32(10), f32(8)], ["reduction": .string("none")], f32(8, 10)),
    InferenceCase(.hingeGrad, [f32(8, 10), i64(8), f32()], ["margin": .float(2)], f32(8, 10)),
    InferenceCase(.convWeightGrad, [f32(8, 16, 28, 28), f32(8, 32, 14, 14)],
                  ["kernel": .ints([3, 3]), "strides": .ints([2, 2]), "pads": .ints([1, 1, 1, 1])], f32(32, 16, 3, 3)),
    InferenceCase(.maxPoolGrad, [f32(1, 64, 112, 112), f32(1, 64, 56, 56)],
                  ["kernel": .ints([3, 3]), "strides": .ints([2, 2]), "pads": .ints([1, 1, 1, 1])], f32(1, 64, 112, 112)),
    InferenceCase(.avgPoolGrad, [f32(1, 8, 7, 7), f32(1, 8, 4, 4)], ["kernel": .ints([2, 2]), "strides": .ints([2, 2]), "ceil_mode": .bool(true)],
                  f32(1, 8, 7, 7)),
    InferenceCase(.padGrad, [f32(1, 3, 4, 4), f32(1, 3, 6, 6)], ["pads": .ints([0, 0, 1, 1, 0, 0, 1, 1]), "mode": .string("edge")], f32(1, 3, 4, 4)),
    InferenceCase(.resizeGrad, [f32(1, 3, 4, 4), f32(1, 3, 8, 8)], ["scales": .floats([1, 1, 2, 2]), "mode": .string("linear")], f32(1, 3, 4, 4)),
    InferenceCase(.nllLoss, [f32(4, 10, 3), i64(4, 3)], ["reduction": .string("none")], f32(4, 3)),
    InferenceCase(.nllLossGrad, [f32(4, 10), i64(4), f32(10), f32()], f32(4, 10)),
    InferenceCase(.sgdUpdate, [f32(3, 3), f32(3, 3), f32()], f32(3, 3)),
    InferenceCase(.momentumUpdate, [f32(8), f32(8), f32(8), f32(), i64()], ["nesterov": .bool(true)], f32(8)),
    InferenceCase(.adagradUpdate, [f64(2, 2), f64(2, 2), f64(2, 2), f64(), i64()], f64(2, 2)),
    InferenceCase(.adamUpdate, [f32(5), f32(5), f32(5), f32(5), f32(), i64()], f32(5)),
    InferenceCase(.rmspropUpdate, [f32(4, 1), f32(4, 1), f32(4, 1), f32()], f32(4, 1)),
    InferenceCase(.learningRate, [i64()], ["base": .float(0.01), "schedule": .string("step"), "decay_steps": .int(30)], f32()),
    InferenceCase(.globalNormScale, [f32(3, 3), f32(3)], ["max_norm": .float(1)], f32()),
]

@Suite struct OpCoverageTests {
    @Test func everyOpHasACase() {
        let covered = Set(representativeCases.map(\.op))
        let missing = OpKind.allCases.filter { !covered.contains($0) }
        #expect(missing.isEmpty, "ops without an inference case: \(missing)")
    }

    @Test(arguments: representativeCases)
    func representativeInference(_ testCase: InferenceCase) throws {
        #expect(try infer(testCase.op, testCase.operands, testCase.attributes) == testCase.expected)
    }

    @Test(arguments: OpKind.allCases)
    func schemaIsWellFormed(_ op: OpKind) {
        let schema = op.schema
        #expect(schema.kind == op)
        #expect(!schema.summary.isEmpty)
        let names = schema.attributes.map(\.name)
        #expect(Set(names).count == names.count, "duplicate attribute names: \(names)")
        for spec in schema.attributes {
            #expect(!spec.summary.isEmpty, "\(op).\(spec.name) needs a summary")
            if let value = spec.defaultValue { #expect(value.kind == spec.kind, "\(op).\(spec.name) default has the wrong kind") }
        }
        let optionalCount = schema.operands.filter(\.isOptional).count
        for (index, operand) in schema.operands.enumerated() {
            if operand.isVariadic { #expect(index == schema.operands.count - 1) }
            if !operand.isOptional && optionalCount > 1 {
                #expect(schema.operands[..<index].allSatisfy { !$0.isOptional }, "\(op): required operand after one of several optional ones")
            }
        }
    }

    @Test func operandCountProblemsNameTheSignature() {
        #expect(OpKind.conv.schema.operandCountProblem(1) == "conv takes 2 or 3 operands (x, weight, bias?), found 1")
        #expect(OpKind.relu.schema.operandCountProblem(2) == "relu takes 1 operand (x), found 2")
        #expect(OpKind.concat.schema.operandCountProblem(0) == "concat takes at least 1 operand (inputs...), found 0")
        #expect(OpKind.constant.schema.operandCountProblem(1) == "constant takes no operands, found 1")
        #expect(OpKind.conv.schema.operandCountProblem(3) == nil)
    }

    @Test func tableDefaultsAreExact() {
        func defaultValue(_ op: OpKind, _ name: String) -> AttributeValue? { op.schema.attribute(named: name)?.defaultValue }
        #expect(defaultValue(.conv, "groups") == .int(1))
        #expect(defaultValue(.conv, "auto_pad") == .string("notset"))
        #expect(defaultValue(.convTranspose, "output_padding") == .ints([]))
        #expect(OpKind.maxPool.schema.attribute(named: "kernel")?.defaultValue == nil)
        #expect(defaultValue(.avgPool, "dilations") == .ints([]))
        #expect(defaultValue(.maxPool, "storage_order") == .int(0))
        #expect(defaultValue(.reshape, "allowzero") == .bool(false))
        #expect(defaultValue(.batchNorm, "epsilon") == .float(1e-5))
        #expect(defaultValue(.batchNorm, "momentum") == .float(0.9))
        #expect(defaultValue(.lrn, "alpha") == .float(1e-4))
        #expect(defaultValue(.clip, "min") == .float(-.infinity))
        #expect(defaultValue(.clip, "max") == .float(.infinity))
        #expect(defaultValue(.hardSigmoid, "alpha") == .float(0.2))
        #expect(defaultValue(.softmax, "axis") == .int(-1))
        #expect(defaultValue(.flatten, "axis") == .int(1))
        #expect(defaultValue(.resize, "coordinate_transformation_mode") == .string("half_pixel"))
        #expect(defaultValue(.resize, "nearest_mode") == .string("round_prefer_floor"))
        #expect(defaultValue(.hinge, "margin") == .float(1.0))
        #expect(OpKind.concat.schema.attribute(named: "axis")?.defaultValue == nil)
        #expect(defaultValue(.slice, "axes") == .ints([]) && defaultValue(.slice, "steps") == .ints([]))
        #expect(defaultValue(.split, "axis") == .int(0) && defaultValue(.split, "split") == .ints([]))
        #expect(defaultValue(.reduceMean, "keepdims") == .bool(true))
        #expect(defaultValue(.reduceL2, "noop_with_empty_axes") == .bool(false))
        #expect(defaultValue(.argmax, "axis") == .int(0) && defaultValue(.argmin, "select_last_index") == .bool(false))
        #expect(defaultValue(.gelu, "approximate") == .string("none"))
        #expect(defaultValue(.depthToSpace, "mode") == .string("DCR"))
        #expect(OpKind.cast.schema.attribute(named: "to")?.defaultValue == nil)
        #expect(OpKind.tile.schema.attribute(named: "repeats")?.defaultValue == nil)
    }
}
