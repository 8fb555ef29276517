import CNNIR
import Testing

/// What the residual blocks emit (torchvision's structure and names).
@Suite struct BlockTests {
    @Test func basicBlockWithIdentityShortcut() throws {
        let lowering = try LayerLowering(ResidualBlock(filters: 8), input: TensorType(.f32, [1, 8, 10, 10]), name: "b")
        #expect(lowering.names == ["b.conv1", "b.bn1", "b.relu1", "b.conv2", "b.bn2", "b.add", "b.relu"])
        #expect(lowering.ops == [.conv, .batchNorm, .relu, .conv, .batchNorm, .add, .relu])
        #expect(lowering.node("b.add")?.operands == ["b.bn2", "x"])
        #expect(lowering.node("b.conv1")?.attributes == ["pads": .ints([1, 1, 1, 1])])
        #expect(lowering.graph.parameterCount == 2 * 8 * 8 * 9 + 2 * 4 * 8)
        #expect(lowering.output.type == TensorType(.f32, [1, 8, 10, 10]))
    }

    @Test func basicBlockProjectsWhenStrideOrChannelsChange() throws {
        let lowering = try LayerLowering(ResidualBlock(filters: 16, stride: 2), input: TensorType(.f32, [1, 8, 10, 10]), name: "b")
        #expect(lowering.names == [
            "b.conv1", "b.bn1", "b.relu1", "b.conv2", "b.bn2", "b.downsample.0", "b.downsample.1", "b.add", "b.relu",
        ])
        #expect(lowering.node("b.conv1")?.attributes == ["pads": .ints([1, 1, 1, 1]), "strides": .ints([2, 2])])
        #expect(lowering.node("b.downsample.0")?.attributes == ["strides": .ints([2, 2])])
        #expect(lowering.node("b.add")?.operands == ["b.bn2", "b.downsample.1"])
        #expect(lowering.parameters.contains("b.downsample.0.weight: f32[16,8,1,1]"))
        #expect(lowering.output.type == TensorType(.f32, [1, 16, 5, 5]))
        let widened = try LayerLowering(ResidualBlock(filters: 16), input: TensorType(.f32, [1, 8, 10, 10]), name: "b")
        #expect(widened.node("b.downsample.0")?.attributes == [:])
    }

    @Test func bottleneckPutsTheStrideOnThe3x3Convolution() throws {
        let lowering = try LayerLowering(Bottleneck(filters: 4, stride: 2), input: TensorType(.f32, [1, 8, 10, 10]), name: "b")
        #expect(lowering.names == [
            "b.conv1", "b.bn1", "b.relu1", "b.conv2", "b.bn2", "b.relu2", "b.conv3", "b.bn3",
            "b.downsample.0", "b.downsample.1", "b.add", "b.relu",
        ])
        #expect(lowering.node("b.conv1")?.attributes == [:])
        #expect(lowering.node("b.conv2")?.attributes == ["pads": .ints([1, 1, 1, 1]), "strides": .ints([2, 2])])
        #expect(lowering.parameters.contains("b.conv3.weight: f32[16,4,1,1]"))
        #expect(lowering.output.type == TensorType(.f32, [1, 16, 5, 5]))
        let identity = try LayerLowering(Bottleneck(filters: 4), input: TensorType(.f32, [1, 16, 6, 6]), name: "b")
        #expect(!identity.names.contains("b.downsample.0"))
        #expect(identity.node("b.add")?.operands == ["b.bn3", "x"])
    }

    @Test func invertedResidualExpandsFiltersDepthwiseAndProjects() throws {
        let lowering = try LayerLowering(InvertedResidual(filters: 8, stride: 1, expansion: 6),
                                         input: TensorType(.f32, [1, 8, 6, 6]), name: "f")
        #expect(lowering.names == [
            "f.conv.0.0", "f.conv.0.1", "f.conv.0.2", "f.conv.1.0", "f.conv.1.1", "f.conv.1.2", "f.conv.2", "f.conv.3", "f.add",
        ])
        #expect(lowering.ops == [.conv, .batchNorm, .clip, .conv, .batchNorm, .clip, .conv, .batchNorm, .add])
        #expect(lowering.node("f.conv.1.0")?.attributes == ["groups": .int(48), "pads": .ints([1, 1, 1, 1])])
        #expect(lowering.parameters.contains("f.conv.0.0.weight: f32[48,8,1,1]"))
        #expect(lowering.parameters.contains("f.conv.1.0.weight: f32[48,1,3,3]"))
        #expect(lowering.parameters.contains("f.conv.2.weight: f32[8,48,1,1]"))
        #expect(lowering.node("f.add")?.operands == ["f.conv.3", "x"])
        #expect(lowering.output.type == TensorType(.f32, [1, 8, 6, 6]))
    }

    @Test func invertedResidualWithoutExpansionOrShortcut() throws {
        let lowering = try LayerLowering(InvertedResidual(filters: 16, stride: 2, expansion: 1),
                                         input: TensorType(.f32, [1, 8, 6, 6]), name: "f")
        #expect(lowering.names == ["f.conv.0.0", "f.conv.0.1", "f.conv.0.2", "f.conv.1", "f.conv.2"])
        #expect(lowering.node("f.conv.0.0")?.attributes == ["groups": .int(8), "pads": .ints([1, 1, 1, 1]), "strides": .ints([2, 2])])
        #expect(lowering.output.type == TensorType(.f32, [1, 16, 3, 3]))
    }

    @Test func convNormActivationUsesTorchvisionNamesAndPadding() throws {
        let lowering = try LayerLowering(ConvNormActivation(filters: 4, kernel: 5, stride: 2, activation: .hardSwish),
                                         input: TensorType(.f32, [1, 3, 9, 9]), name: "stem")
        #expect(lowering.names == ["stem.0", "stem.1", "stem.2"])
        #expect(lowering.ops == [.conv, .batchNorm, .hardSwish])
        #expect(lowering.node("stem.0")?.attributes == ["pads": .ints([2, 2, 2, 2]), "strides": .ints([2, 2])])
        let plain = try LayerLowering(ConvNormActivation(filters: 4, activation: .none), input: TensorType(.f32, [1, 3, 9, 9]))
        #expect(plain.ops == [.conv, .batchNorm])
    }

    @Test func residualSumMismatchNamesTheAddNode() throws {
        let layer = Residual(body: Conv2D(filters: 4, kernel: 1), activation: .relu)
        let error = #expect(throws: Diagnostic.self) {
            try LayerLowering(layer, input: TensorType(.f32, [1, 3, 4, 4]), name: "r")
        }
        #expect(error?.node == "r.add")
        #expect(error?.op == "add")
    }
}
