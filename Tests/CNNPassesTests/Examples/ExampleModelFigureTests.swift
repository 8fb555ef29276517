import CNNIR
import CNNPasses
import Foundation
import Testing

/// Each committed example parses, verifies, equals the graph the builder makes, and has the size
/// and cost of the model it claims to be: exact figures for the small models, published ones
/// (with the stated tolerance) for the ImageNet models.
@Suite struct ExampleModelFigureTests {
    /// A model's expected parameter values (batch-norm statistics included) and MACs.
    struct Figures: Sendable, CustomTestStringConvertible {
        var name: String
        var parameters: Double
        var parameterTolerance: Double
        var multiplyAccumulates: Double
        var multiplyAccumulateTolerance: Double

        var testDescription: String { name }
    }

    static let figures: [Figures] = [
        // Counted by hand: 5x5 convs 6 and 16, dense 400→120→84→10.
        Figures(name: "lenet5", parameters: 61_706, parameterTolerance: 0, multiplyAccumulates: 416_520,
                multiplyAccumulateTolerance: 0),
        // Two 64→64 3x3 convs and two batch norms; 2·(64·56·56·64·9) MACs.
        Figures(name: "resnet_block", parameters: 74_240, parameterTolerance: 0, multiplyAccumulates: 231_211_008,
                multiplyAccumulateTolerance: 0),
        // Published: 11.69 M parameters, 1.82 G MACs.
        Figures(name: "resnet18", parameters: 11.69e6, parameterTolerance: 0.005, multiplyAccumulates: 1.82e9,
                multiplyAccumulateTolerance: 0.02),
        // Published: 25.6 M parameters, 4.1 G MACs.
        Figures(name: "resnet50", parameters: 25.6e6, parameterTolerance: 0.005, multiplyAccumulates: 4.1e9,
                multiplyAccumulateTolerance: 0.02),
        // Published: 3.5 M parameters (without batch-norm statistics, hence 1.5 %), 0.30 G MACs.
        Figures(name: "mobilenet_v2", parameters: 3.5e6, parameterTolerance: 0.015, multiplyAccumulates: 0.30e9,
                multiplyAccumulateTolerance: 0.02),
        // Counted by hand: six 3x3 convs with bias, dense 4096→512→10.
        Figures(name: "vgg_small", parameters: 3_248_202, parameterTolerance: 0, multiplyAccumulates: 154_866_688,
                multiplyAccumulateTolerance: 0),
        // Counted by hand: conv 16·9 + batch norm 4·16, conv 32·16·9 + 32, dense 10·512 + 10;
        // MACs 16·9·64 + 32·144·64 + 10·512.
        Figures(name: "digits_cnn", parameters: 9_978, parameterTolerance: 0, multiplyAccumulates: 309_248,
                multiplyAccumulateTolerance: 0),
        // Counted by hand in ResNet20CIFARTests.
        Figures(name: "resnet20_cifar", parameters: 274_042, parameterTolerance: 0, multiplyAccumulates: 40_813_184,
                multiplyAccumulateTolerance: 0),
    ]

    @Test func everyZooModelHasFigures() {
        #expect(Set(Self.figures.map(\.name)) == Set(ModelZoo.all.map(\.name)))
    }

    @Test(arguments: figures)
    func committedExampleHasThePublishedSizeAndCost(_ expected: Figures) throws {
        let graph = try Graph.parse(file: exampleModelPath(expected.name))
        try Verifier.verify(graph)
        let entry = try #require(ModelZoo.all.first { $0.name == expected.name })
        #expect(graph == (try entry.build(1)))
        #expect(graph.weightsFile == expected.name + ".safetensors")

        let parameters = Double(graph.parameterCount)
        #expect(abs(parameters - expected.parameters) <= expected.parameters * expected.parameterTolerance,
                "\(expected.name): \(graph.parameterCount) parameter values")
        let multiplyAccumulates = Double(CostAnalysis.totalMultiplyAccumulates(of: graph))
        #expect(abs(multiplyAccumulates - expected.multiplyAccumulates)
                <= expected.multiplyAccumulates * expected.multiplyAccumulateTolerance,
                "\(expected.name): \(Int(multiplyAccumulates)) MACs")
    }

    @Test func zooModelsTakeANamedBatch() throws {
        let graph = try ModelZoo.resnet18(batch: .named("N"))
        #expect(graph.inputs.first?.type == TensorType(.f32, Shape([.named("N"), 3, 224, 224])))
        #expect(graph.outputTypes == [TensorType(.f32, Shape([.named("N"), 1000]))])
        #expect(graph.binding(["N": 1]) == (try ModelZoo.resnet18(batch: 1)))
    }
}

/// The path of the committed example model `name` (`Examples/NAME.ir` at the top of the repository).
func exampleModelPath(_ name: String) -> String {
    URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Examples").appendingPathComponent(name + ".ir").path
}
