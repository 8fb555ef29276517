import Foundation
import Testing
import CNNIR
import CNNRuntime

@Suite("Reference executor")
struct ReferenceExecutorTests: RuntimeTestHelpers {
    static let tinyText = """
    graph @tiny(%x: f32[N,2,4,4], %y: f32[N,3]) -> f32[N,3] {
      %w = param f32[3,2,3,3]
      %c = conv %x, %w {pads = [1,1,1,1]} : f32[N,3,4,4]
      %r = relu %c : f32[N,3,4,4]
      %g = global_avg_pool %r : f32[N,3,1,1]
      %f = flatten %g : f32[N,3]
      %s = add %f, %y : f32[N,3]
      %p = softmax %s : f32[N,3]
      return %p
    }
    """

    func tiny() throws -> Graph { try IRParser.parse(Self.tinyText, file: "tiny.ir") }

    func inputs(batch: Int, seed: UInt64) throws -> [String: Tensor] {
        ["x": try Tensor.random(shape: [batch, 2, 4, 4], seed: seed), "y": try Tensor.random(shape: [batch, 3], seed: seed + 1)]
    }

    func weight() throws -> Tensor { try Tensor.random(shape: [3, 2, 3, 3], seed: 99) }

    @Test("running a graph equals evaluating its nodes one by one, for any batch size N")
    func matchesNodeByNode() throws {
        for batch in [1, 3] {
            let x = try Tensor.random(shape: [batch, 2, 4, 4], seed: 1), y = try Tensor.random(shape: [batch, 3], seed: 2)
            let outputs = try ReferenceExecutor.run(try tiny(), inputs: ["x": x, "y": y], parameters: ["w": try weight()])
            let c = try evaluate(.conv, [x, try weight()], ["pads": .ints([1, 1, 1, 1])])
            let f = try evaluate(.flatten, [try evaluate(.globalAvgPool, [try evaluate(.relu, [c])])])
            let expected = try evaluate(.softmax, [try evaluate(.add, [f, y])])
            #expect(outputs.keys.sorted() == ["p"])
            #expect(outputs["p"] == expected)
            #expect(outputs["p"]?.shape == [batch, 3])
        }
    }

    @Test("missing, unknown and mistyped inputs and parameters are reported with the expected type")
    func rejectsBadInputs() throws {
        let graph = try tiny()
        let given = try inputs(batch: 2, seed: 5), weights = ["w": try weight()]
        expectDiagnostic(containing: "tiny.ir:1:31: error: missing input %y of type f32[N,3]") {
            _ = try ReferenceExecutor.run(graph, inputs: given.filter { $0.key == "x" }, parameters: weights)
        }
        expectDiagnostic(containing: "tiny.ir:1:1: error: unknown input %z; the graph's inputs are %x, %y") {
            _ = try ReferenceExecutor.run(graph, inputs: given.merging(["z": try Tensor.zeros(shape: [1])]) { $1 }, parameters: weights)
        }
        expectDiagnostic(containing: "input %x expects f32[N,2,4,4], found f64[2,2,4,4]") {
            let wide = try Tensor.zeros(shape: [2, 2, 4, 4], dtype: .f64)
            _ = try ReferenceExecutor.run(graph, inputs: given.merging(["x": wide]) { $1 }, parameters: weights)
        }
        expectDiagnostic(containing: "input %y expects f32[N,3] (N = 2), found f32[3,3]") {
            _ = try ReferenceExecutor.run(graph, inputs: given.merging(["y": try Tensor.zeros(shape: [3, 3])]) { $1 }, parameters: weights)
        }
        expectDiagnostic(containing: "parameter %w expects f32[3,2,3,3], found f32[3,2,1,1]") {
            _ = try ReferenceExecutor.run(graph, inputs: given, parameters: ["w": try Tensor.zeros(shape: [3, 2, 1, 1])])
        }
        expectDiagnostic(containing: "missing parameter %w") {
            _ = try ReferenceExecutor.run(graph, inputs: given)
        }
    }

    @Test("a node whose declared type disagrees with what it computes is reported at the node")
    func rejectsWrongDeclaredType() throws {
        let graph = try IRParser.parse("""
        graph @wrong(%x: f32[N,2]) -> f32[N,3] {
          %r = relu %x : f32[N,3]
          return %r
        }
        """, file: "wrong.ir")
        expectDiagnostic(containing: "wrong.ir:2:3: error: node %r (relu): computes f32[4,2] for %r, which is declared f32[N,3] (N = 4)") {
            _ = try ReferenceExecutor.run(graph, inputs: ["x": try Tensor.zeros(shape: [4, 2])])
        }
    }

    @Test("a kernel error carries the node's location")
    func kernelErrorsAreLocated() throws {
        let graph = try IRParser.parse("""
        graph @bad(%x: f32[2,3]) -> f32[5,2] {
          %r = reshape %x {shape = [5,-1]} : f32[5,2]
          return %r
        }
        """, file: "bad.ir")
        expectDiagnostic(containing: "bad.ir:2:3: error: node %r (reshape): cannot reshape") {
            _ = try ReferenceExecutor.run(graph, inputs: ["x": try Tensor.zeros(shape: [2, 3])])
        }
    }

    @Test("LeNet-5 from Examples runs, every node's result matching its declared type")
    func lenet() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../Examples/lenet5.ir").path
        let graph = try Graph.parse(file: path)
        var parameters: [String: Tensor] = [:]
        for (index, parameter) in graph.parameters.enumerated() {
            let shape = try #require(parameter.type.shape.fixedSizes)
            parameters[parameter.name] = try Tensor.random(shape: shape, distribution: .uniform(-0.2...0.2), seed: UInt64(index))
        }
        let outputs = try ReferenceExecutor.run(graph, inputs: ["x": try Tensor.random(shape: [1, 1, 28, 28], seed: 7)], parameters: parameters)
        let logits = try #require(outputs[graph.outputs[0]])
        #expect(logits.shape == [1, 10])
        let finite = logits.scalars.allSatisfy { $0.isFinite }
        #expect(finite)
    }
}
