import CNNIR
import CNNPasses
import Foundation
import Testing

@Suite struct FoldBatchNormTests {
    static let model = """
        graph @model(%x: f32[1,1,2,2]) -> f32[1,1,2,2] {
          %w = param f32[1,1,1,1]
          %g = param f32[1]
          %b = param f32[1]
          %m = param f32[1]
          %v = param f32[1]
          %0 = conv %x, %w : f32[1,1,2,2]
          %1 = batch_norm %0, %g, %b, %m, %v {epsilon = 0.01} : f32[1,1,2,2]
          return %1
        }
        """

    /// The formula on one channel: A = 3/√(3.99+0.01) = 1.5, W' = 2·1.5, b' = (0 − 0.5)·1.5 + 1.
    @Test func weightAndBiasFollowTheFormula() throws {
        let values: [String: Float] = ["w": 2, "g": 3, "b": 1, "m": 0.5, "v": 3.99]
        var weights = try values.mapValues { try WeightTensor(shape: [1], elements: [$0]) }
        weights["w"] = try WeightTensor(shape: [1, 1, 1, 1], elements: [Float(2)])
        let unit = try TestUnits.run(PassPipeline(["fold-batchnorm"]),
                                     on: CompilationUnit(graph: try TestUnits.graph(Self.model), weights: weights))
        #expect(unit.graph.nodes.map(\.op) == [.conv])
        #expect(unit.graph.nodes[0].operands == ["x", "w", "b"])
        #expect(unit.weights["w"]?.floats() == [3])
        #expect(unit.weights["b"]?.floats() == [0.25])
        #expect(unit.weights.keys.sorted() == ["b", "w"])
    }

    @Test func withoutWeightsTheBatchNormStays() throws {
        let unit = CompilationUnit(graph: try TestUnits.graph(Self.model))
        #expect(try TestUnits.run(PassPipeline(["fold-batchnorm"]), on: unit) == unit)
    }

    @Test func aNegativeVarianceIsNotFolded() throws {
        var unit = try TestUnits.unit(Self.model)
        unit.weights["v"] = try WeightTensor(shape: [1], elements: [Float(-1)])
        #expect(try TestUnits.run(PassPipeline(["fold-batchnorm"]), on: unit).graph.nodes.count == 2)
    }

    @Test func batchNormParametersMayBeConstants() throws {
        let text = """
            graph @model(%x: f32[1,2]) -> f32[1,2] {
              %w = param f32[2,2]
              %g = constant {value = dense<[2.0,0.5]> : f32[2]} : f32[2]
              %b = constant {value = dense<[1.0,-1.0]> : f32[2]} : f32[2]
              %m = constant {value = dense<0.0> : f32[2]} : f32[2]
              %v = constant {value = dense<1.0> : f32[2]} : f32[2]
              %0 = gemm %x, %w : f32[1,2]
              %1 = batch_norm %0, %g, %b, %m, %v : f32[1,2]
              return %1
            }
            """
        let original = try TestUnits.unit(text)
        let unit = try TestUnits.run(PassPipeline(["fold-batchnorm"]), on: original)
        #expect(unit.graph.nodes.map(\.op) == [.gemm])
        #expect(unit.graph.parameters.map(\.name) == ["w", "0.bias"])
        let errors = try NumericalCheck.relativeErrors(original: original, transformed: unit, seed: 3)
        #expect(errors.allSatisfy { $0 <= NumericalCheck.tolerance }, "\(errors)")
    }

    /// Every example model: -O2 leaves no batch_norm, dropout or identity, verifies, and removes
    /// the statistics.
    @Test(arguments: ["lenet5", "resnet_block", "resnet18", "resnet50", "mobilenet_v2", "vgg_small"])
    func everyBatchNormOfTheExamplesFolds(_ name: String) throws {
        let graph = try Graph.parse(file: exampleModelPath(name))
        let weights = try Dictionary(uniqueKeysWithValues: graph.parameters.map { parameter in
            (parameter.name, try WeightTensor.zeros(dtype: parameter.type.dtype, shape: parameter.type.shape.fixedSizes ?? []))
        })
        // -O2 without the fusions, which would also absorb the activations and adds.
        let folding = PassPipeline(PassPipeline.o2.passNames.filter { !$0.hasPrefix("fuse-") })
        let unit = try TestUnits.run(folding, on: CompilationUnit(graph: graph, weights: weights))
        let summary = GraphSummary(of: unit.graph)
        #expect(summary.opCounts[.batchNorm] == nil)
        #expect(summary.statisticCount == 0)
        #expect(summary.multiplyAccumulates == GraphSummary(of: graph).multiplyAccumulates)
        let removable: Set<OpKind> = [.batchNorm, .dropout, .identity]
        #expect(unit.graph.nodes.count == graph.nodes.count - graph.nodes.filter { removable.contains($0.op) }.count)
    }

    /// A residual block computes the same after -O2 (reference executor, random weights).
    @Test func theResidualBlockComputesTheSameAfterOptimization() throws {
        let graph = try Graph.parse(file: exampleModelPath("resnet_block"))
        let original = CompilationUnit(graph: graph, weights: try NumericalCheck.randomWeights(for: graph, seed: 5))
        let unit = try TestUnits.run(.o2, on: original)
        let errors = try NumericalCheck.relativeErrors(original: original, transformed: unit, seed: 5)
        #expect(errors.allSatisfy { $0 <= NumericalCheck.tolerance }, "\(errors)")
    }
}
