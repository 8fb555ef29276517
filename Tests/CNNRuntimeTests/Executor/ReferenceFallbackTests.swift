import CNNIR
import CNNRuntime
import Foundation
import Testing

/// Nodes no fast family takes run on the reference kernels through the adapter.
@Suite("Reference fallback")
struct ReferenceFallbackTests {
    static let lossGraph = """
        graph @classifier(%x: f32[3,5], %labels: i64[3]) -> f32[] {
          %w = param f32[5,4]
          %logits = matmul %x, %w : f32[3,4]
          %loss = softmax_cross_entropy %logits, %labels : f32[]
          return %loss
        }
        """

    @Test("a loss with i64 labels runs on the reference adapter and matches the reference executor")
    func lossWithLabels() throws {
        let graph = try ExecutorTestSupport.graph(Self.lossGraph)
        let parameters = ["w": try Tensor.random(shape: [5, 4], seed: 3)]
        let inputs = ["x": try Tensor.random(shape: [3, 5], seed: 4),
                      "labels": try Tensor(shape: [3], elements: [2, 0, 3] as [Int64])]
        let model = try Model(graph: graph, parameters: parameters)
        #expect(model.layers.map(\.node) == ["logits", "loss"])
        #expect(model.layers[0].kernel != "reference")
        #expect(model.layers[1].kernel == "reference")
        let loss = try #require(try model.run(inputs)["loss"])
        let expected = try #require(try ReferenceExecutor.run(graph, inputs: inputs, parameters: parameters)["loss"])
        #expect(loss.type == TensorType(.f32, [Int]()))
        #expect(loss.isClose(to: expected, absoluteTolerance: 1e-6, relativeTolerance: 1e-5))
    }

    @Test("an error of the reference kernel at run time is a diagnostic at the node")
    func runTimeError() throws {
        let graph = try ExecutorTestSupport.graph(Self.lossGraph)
        let model = try Model(graph: graph, parameters: ["w": try Tensor.zeros(shape: [5, 4])])
        let inputs = ["x": try Tensor.zeros(shape: [3, 5]), "labels": try Tensor(shape: [3], elements: [0, 7, 1] as [Int64])]
        #expect(throws: Diagnostic.self) { try model.run(inputs) }
        do {
            _ = try model.run(inputs)
        } catch let diagnostic as Diagnostic {
            #expect(diagnostic.node == "loss")
            #expect(diagnostic.op == "softmax_cross_entropy")
            #expect(diagnostic.message.contains("label 7"))
        }
        let fixed = ["x": try Tensor.zeros(shape: [3, 5]), "labels": try Tensor(shape: [3], elements: [0, 3, 1] as [Int64])]
        let loss = try #require(try model.run(fixed)["loss"])
        #expect(abs(loss.scalars[0] - Float(Foundation.log(4.0))) < 1e-6)
    }

    @Test("an f64 graph runs entirely on the reference adapter")
    func otherElementType() throws {
        let graph = try ExecutorTestSupport.graph("""
            graph @g(%x: f64[2,3]) -> f64[2,3] {
              %y = relu %x : f64[2,3]
              %z = mul %y, %x : f64[2,3]
              return %z
            }
            """)
        let model = try Model(graph: graph, parameters: [:])
        #expect(model.layers.allSatisfy { $0.kernel == "reference" })
        let x = try Tensor(shape: [2, 3], elements: [-1, 2, -3, 4, 0.5, -0.25] as [Double])
        let z = try #require(try model.run(["x": x])["z"])
        #expect(z == (try Tensor(shape: [2, 3], elements: [0, 4, 0, 16, 0.25, 0] as [Double])))
    }
}
