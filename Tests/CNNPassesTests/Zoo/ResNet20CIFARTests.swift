import CNNIR
import CNNPasses
import Foundation
import Testing

/// The CIFAR ResNet-20 of the zoo: its shapes, size and cost counted by hand, its example file,
/// and its training step (batch norm in training mode).
@Suite struct ResNet20CIFARTests {
    /// Parameter values counted by hand: stem 16·3·9 + BN 4·16; stage 1: six 16→16 3x3 convs
    /// and six BNs; stage 2: 32·16·9 + five 32·32·9 convs, the shortcut 32·16 and seven BNs of
    /// 32; stage 3 likewise with 64; dense 10·64 + 10.
    static let parameterValues = (432 + 64) + 6 * (2_304 + 64)
        + (4_608 + 5 * 9_216 + 512 + 7 * 128) + (18_432 + 5 * 36_864 + 2_048 + 7 * 256) + 650

    /// Multiply-accumulates per image counted by hand: output elements × weights per output
    /// channel for every conv (32x32 maps in stage 1, 16x16 in stage 2, 8x8 in stage 3), and the
    /// dense layer.
    static let multiplyAccumulates = 32 * 32 * 16 * 27 + 6 * 32 * 32 * 16 * 144
        + (16 * 16 * 32 * 144 + 5 * 16 * 16 * 32 * 288 + 16 * 16 * 32 * 16)
        + (8 * 8 * 64 * 288 + 5 * 8 * 8 * 64 * 576 + 8 * 8 * 64 * 32) + 640

    @Test func takesANamedBatchOfCIFARImagesAndReturnsTenScores() throws {
        let graph = try ModelZoo.resnet20CIFAR(batch: .named("N"))
        try Verifier.verify(graph)
        #expect(graph.name == "resnet20_cifar")
        #expect(graph.inputs.map(\.type) == [TensorType(.f32, Shape([.named("N"), 3, 32, 32]))])
        #expect(graph.outputTypes == [TensorType(.f32, Shape([.named("N"), 10]))])
        #expect(graph.binding(["N": 1]) == (try ModelZoo.resnet20CIFAR(batch: 1)))
        #expect(graph.weightsFile == "resnet20_cifar.safetensors")
    }

    @Test func hasTheSizeAndCostCountedByHand() throws {
        let graph = try ModelZoo.resnet20CIFAR(batch: 1)
        #expect(Self.parameterValues == 274_042)
        #expect(graph.parameterCount == Self.parameterValues)
        #expect(CostAnalysis.totalMultiplyAccumulates(of: graph) == Self.multiplyAccumulates)
        #expect(Self.multiplyAccumulates == 40_813_184)
    }

    @Test func stagesHalveTheMapsAndProjectOnlyWhereTheShapeChanges() throws {
        let graph = try ModelZoo.resnet20CIFAR(batch: 2)
        let types = graph.valueTypes
        let convs = graph.nodes.filter { $0.op == .conv }
        #expect(convs.count == 21)
        #expect(graph.nodes.filter { $0.op == .batchNorm }.count == 21)
        #expect(graph.nodes.filter { $0.op == .add }.count == 9)
        let shortcuts = convs.filter { $0.name.contains("downsample") }.map(\.name)
        #expect(shortcuts == ["layer2.0.downsample.0", "layer3.0.downsample.0"])
        for (stage, expected) in [(1, [2, 16, 32, 32]), (2, [2, 32, 16, 16]), (3, [2, 64, 8, 8])] {
            let last = try #require(convs.last { $0.name.hasPrefix("layer\(stage).2.") })
            #expect(types[last.name]?.shape == Shape(expected), "layer\(stage)")
        }
        #expect(graph.parameters.first { $0.name == "fc.weight" }?.type == TensorType(.f32, [10, 64]))
    }

    @Test func committedExampleIsTheBuilderOutput() throws {
        let graph = try Graph.parse(file: exampleModelPath("resnet20_cifar"))
        try Verifier.verify(graph)
        #expect(graph == (try ModelZoo.resnet20CIFAR(batch: 1)))
    }

    @Test func trainsWithBatchNormInTrainingMode() throws {
        let model = try ModelZoo.resnet20CIFAR(batch: 1)
        let step = try TrainingStepBuilder.build(model: model, options: TrainingOptions(optimizer: .momentum(0.9, nesterov: false),
                                                                                        batchSize: 4))
        try Verifier.verify(step.step)
        #expect(step.step.nodes.filter { $0.op == .batchNormTrain }.count == 21)
        #expect(step.step.nodes.filter { $0.op == .batchNorm }.isEmpty)
        #expect(step.step.nodes.filter { $0.op == .momentumUpdate }.count == step.trainedParameters.count)
        // Every conv weight, BN scale and bias, and the dense weight and bias: no running statistic.
        #expect(step.trainedParameters.count == 21 + 2 * 21 + 2)
        #expect(step.step.inputs.first?.type == TensorType(.f32, [4, 3, 32, 32]))
    }
}
