import CNNIR
import Testing

/// What each basic layer emits: ops, attributes, parameters and shapes.
@Suite struct LayerTests {
    @Test func conv2DCreatesItsParametersAndActivation() throws {
        let lowering = try LayerLowering(Conv2D(filters: 8, kernel: 3, stride: 2, padding: .same, activation: .relu),
                                         input: TensorType(.f32, [1, 3, 15, 15]))
        #expect(lowering.parameters == ["l.weight: f32[8,3,3,3]", "l.bias: f32[8]"])
        #expect(lowering.ops == [.conv, .relu])
        #expect(lowering.names == ["l", "l.relu"])
        let conv = try #require(lowering.node("l"))
        #expect(conv.operands == ["x", "l.weight", "l.bias"])
        #expect(conv.attributes == ["strides": .ints([2, 2]), "pads": .ints([1, 1, 1, 1])])
        #expect(lowering.output.type == TensorType(.f32, [1, 8, 8, 8]))
    }

    @Test func conv2DWithoutBiasDilatedAndGroupedKeepsOnlyWhatDiffersFromDefaults() throws {
        let layer = Conv2D(filters: 6, kernel: [1, 3], dilation: 2, groups: 3, useBias: false)
        let lowering = try LayerLowering(layer, input: TensorType(.f64, [2, 9, 10, 10]))
        #expect(lowering.parameters == ["l.weight: f64[6,3,1,3]"])
        let conv = try #require(lowering.node("l"))
        #expect(conv.operands == ["x", "l.weight"])
        #expect(conv.attributes == ["dilations": .ints([2, 2]), "groups": .int(3)])
        #expect(lowering.output.type == TensorType(.f64, [2, 6, 10, 6]))
    }

    @Test func conv2DRejectsBadConfigurationsNamingTheLayer() throws {
        let groups = #expect(throws: Diagnostic.self) {
            try LayerLowering(Conv2D(filters: 8, kernel: 3, groups: 3), input: TensorType(.f32, [1, 4, 8, 8]), name: "stem")
        }
        #expect(groups?.node == "stem")
        #expect(groups?.op == "Conv2D")
        let rank = #expect(throws: Diagnostic.self) {
            try LayerLowering(Conv2D(filters: 8, kernel: 3), input: TensorType(.f32, [1, 4]))
        }
        #expect(rank?.message.contains("rank 4") == true)
        let kernel = #expect(throws: Diagnostic.self) {
            try LayerLowering(Conv2D(filters: 8, kernel: [3, 3, 3]), input: TensorType(.f32, [1, 4, 8, 8]))
        }
        #expect(kernel?.message.contains("kernel") == true)
        let tooLarge = #expect(throws: Diagnostic.self) {
            try LayerLowering(Conv2D(filters: 8, kernel: 5), input: TensorType(.f32, [1, 4, 3, 3]), name: "big")
        }
        #expect(tooLarge?.node == "big")
        #expect(tooLarge?.op == "conv")
    }

    @Test func depthwiseConv2DGroupsByInputChannel() throws {
        let layer = DepthwiseConv2D(kernel: 3, padding: .same, depthMultiplier: 2, useBias: false, activation: .relu6)
        let lowering = try LayerLowering(layer, input: TensorType(.f32, [1, 4, 8, 8]))
        #expect(lowering.parameters == ["l.weight: f32[8,1,3,3]"])
        #expect(lowering.ops == [.conv, .clip])
        #expect(lowering.node("l")?.attributes == ["groups": .int(4), "pads": .ints([1, 1, 1, 1])])
        #expect(lowering.output.type == TensorType(.f32, [1, 8, 8, 8]))
    }

    @Test func poolsDefaultTheStrideToTheKernel() throws {
        let max = try LayerLowering(MaxPool2D(), input: TensorType(.f32, [1, 3, 9, 9]))
        #expect(max.node("l")?.attributes == ["kernel": .ints([2, 2]), "strides": .ints([2, 2])])
        #expect(max.output.type == TensorType(.f32, [1, 3, 4, 4]))
        let ceil = try LayerLowering(MaxPool2D(ceilMode: true), input: TensorType(.f32, [1, 3, 9, 9]))
        #expect(ceil.output.type == TensorType(.f32, [1, 3, 5, 5]))
        let stem = try LayerLowering(MaxPool2D(kernel: 3, stride: 2, padding: .symmetric(1)), input: TensorType(.f32, [1, 64, 112, 112]))
        #expect(stem.node("l")?.attributes == ["kernel": .ints([3, 3]), "strides": .ints([2, 2]), "pads": .ints([1, 1, 1, 1])])
        #expect(stem.output.type == TensorType(.f32, [1, 64, 56, 56]))
        let average = try LayerLowering(AvgPool2D(kernel: 3, stride: 1, padding: .same, countIncludePad: true),
                                        input: TensorType(.f32, [1, 3, 6, 6]))
        #expect(average.ops == [.avgPool])
        #expect(average.node("l")?.attributes == ["kernel": .ints([3, 3]), "pads": .ints([1, 1, 1, 1]),
                                                  "count_include_pad": .bool(true)])
        #expect(average.output.type == TensorType(.f32, [1, 3, 6, 6]))
    }

    @Test func globalAveragePoolFlattenDropout() throws {
        let lowering = try LayerLowering(Sequential([GlobalAveragePool(), Flatten(), Dropout(rate: 0.3)]),
                                         input: TensorType(.f32, [2, 5, 7, 7]), name: "head")
        #expect(lowering.ops == [.globalAvgPool, .flatten, .dropout])
        #expect(lowering.names == ["head.global_pool1", "head.flatten1", "head.dropout1"])
        #expect(lowering.node("head.dropout1")?.attributes == ["ratio": .float(0.3)])
        #expect(lowering.output.type == TensorType(.f32, [2, 5]))
    }

    @Test func batchNormCreatesFourChannelParameters() throws {
        let lowering = try LayerLowering(BatchNorm(epsilon: 1e-3), input: TensorType(.f32, [1, 6, 4, 4]), name: "bn")
        #expect(lowering.parameters == ["bn.scale: f32[6]", "bn.bias: f32[6]", "bn.mean: f32[6]", "bn.var: f32[6]"])
        let node = try #require(lowering.node("bn"))
        #expect(node.op == .batchNorm)
        #expect(node.operands == ["x", "bn.scale", "bn.bias", "bn.mean", "bn.var"])
        #expect(node.attributes == ["epsilon": .float(1e-3)])
        #expect(lowering.output.type == TensorType(.f32, [1, 6, 4, 4]))
    }

    @Test func denseIsGemmWithTransposedWeight() throws {
        let lowering = try LayerLowering(Dense(units: 10, activation: .softmax), input: TensorType(.f32, [2, 7]), name: "fc")
        #expect(lowering.parameters == ["fc.weight: f32[10,7]", "fc.bias: f32[10]"])
        #expect(lowering.ops == [.gemm, .softmax])
        #expect(lowering.names == ["fc", "fc.softmax"])
        #expect(lowering.node("fc")?.attributes == ["trans_b": .bool(true)])
        #expect(lowering.output.type == TensorType(.f32, [2, 10]))
        let noBias = try LayerLowering(Dense(units: 3, useBias: false), input: TensorType(.f32, [2, 7]))
        #expect(noBias.node("l")?.operands == ["x", "l.weight"])
        let error = #expect(throws: Diagnostic.self) {
            try LayerLowering(Dense(units: 10), input: TensorType(.f32, [2, 7, 1, 1]), name: "fc")
        }
        #expect(error?.node == "fc")
        #expect(error?.op == "Dense")
    }

    /// An activation and the node it must emit.
    struct ActivationCase: Sendable, CustomTestStringConvertible {
        var activation: Activation
        var op: OpKind
        var attributes: Attributes = Attributes()

        var testDescription: String { activation.kind }
    }

    static let activationCases: [ActivationCase] = [
        ActivationCase(activation: .relu, op: .relu),
        ActivationCase(activation: .relu6, op: .clip, attributes: ["min": .float(0), "max": .float(6)]),
        ActivationCase(activation: .leakyRelu(alpha: 0.2), op: .leakyRelu, attributes: ["alpha": .float(0.2)]),
        ActivationCase(activation: .elu(), op: .elu),
        ActivationCase(activation: .sigmoid, op: .sigmoid),
        ActivationCase(activation: .tanh, op: .tanh),
        ActivationCase(activation: .hardSigmoid, op: .hardSigmoid),
        ActivationCase(activation: .hardSwish, op: .hardSwish),
        ActivationCase(activation: .silu, op: .silu),
        ActivationCase(activation: .softmax, op: .softmax),
    ]

    @Test(arguments: activationCases)
    func activationEmitsItsOp(_ expected: ActivationCase) throws {
        let lowering = try LayerLowering(expected.activation, input: TensorType(.f32, [2, 3]), name: "act")
        #expect(lowering.ops == [expected.op])
        #expect(lowering.node("act")?.attributes == expected.attributes)
        #expect(lowering.output.type == TensorType(.f32, [2, 3]))
    }

    @Test func activationNoneAddsNothing() throws {
        let lowering = try LayerLowering(Sequential([Activation.none, Activation.relu]), input: TensorType(.f32, [2]))
        #expect(lowering.names == ["l.relu1"])
    }
}
