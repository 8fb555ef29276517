import CNNIR
import CNNRuntime
import Testing

/// What a model says about wrong inputs and unbound dimensions.
@Suite("Model inputs")
struct ModelInputTests {
    static func model() throws -> Model {
        let graph = try ExecutorTestSupport.graph("""
            graph @g(%x: f32[1,3,8,8], %scale: f32[1]) -> f32[1,3,8,8] {
              %y = mul %x, %scale : f32[1,3,8,8]
              return %y
            }
            """)
        return try Model(graph: graph, parameters: [:])
    }

    @Test("inputs and outputs are listed with their types")
    func signature() throws {
        let model = try Self.model()
        #expect(model.inputs.map(\.name) == ["x", "scale"])
        #expect(model.inputs.map(\.type) == [TensorType(.f32, [1, 3, 8, 8]), TensorType(.f32, [1])])
        #expect(model.outputs == [ValueDeclaration(name: "y", type: TensorType(.f32, [1, 3, 8, 8]))])
    }

    @Test("wrong name, missing input, wrong shape and wrong dtype are diagnostics saying what was expected")
    func validation() throws {
        let model = try Self.model()
        let x = try Tensor.zeros(shape: [1, 3, 8, 8]), scale = try Tensor.zeros(shape: [1])
        #expect(ExecutorTestSupport.diagnosticMessage { _ = try model.run(["x": x, "scale": scale, "bias": scale]) }
                == "unknown input %bias; the model's inputs are %x, %scale")
        #expect(ExecutorTestSupport.diagnosticMessage { _ = try model.run(["x": x]) }
                == "missing input %scale of type f32[1]")
        #expect(ExecutorTestSupport.diagnosticMessage { _ = try model.run(["x": try Tensor.zeros(shape: [1, 3, 4, 4]), "scale": scale]) }
                == "input %x: expected f32[1,3,8,8], found f32[1,3,4,4]")
        #expect(ExecutorTestSupport.diagnosticMessage { _ = try model.run(["x": try Tensor.zeros(shape: [1, 3, 8, 8], dtype: .f64), "scale": scale]) }
                == "input %x: expected f32[1,3,8,8], found f64[1,3,8,8]")
        #expect(ExecutorTestSupport.diagnosticMessage { _ = try model.run(["x": x, "scale": scale]) } == nil)
    }

    @Test("parameters are checked like inputs")
    func parameters() throws {
        let graph = try ExecutorTestSupport.graph("""
            graph @g(%x: f32[2]) -> f32[2] {
              %w = param f32[2]
              %y = add %x, %w : f32[2]
              return %y
            }
            """)
        #expect(ExecutorTestSupport.diagnosticMessage { _ = try Model(graph: graph, parameters: [:]) }
                == "missing parameter %w of type f32[2]")
        #expect(ExecutorTestSupport.diagnosticMessage { _ = try Model(graph: graph, parameters: ["w": try Tensor.zeros(shape: [3])]) }
                == "parameter %w: expected f32[2], found f32[3]")
        #expect(ExecutorTestSupport.diagnosticMessage {
            _ = try Model(graph: graph, parameters: ["w": try Tensor.zeros(shape: [2]), "v": try Tensor.zeros(shape: [2])])
        } == "unknown parameter %v; the model's parameters are %w")
    }

    @Test("a named dimension left unbound is an error telling how to bind it; bound, the model runs")
    func unboundDimension() throws {
        let graph = try ExecutorTestSupport.graph("""
            graph @g(%x: f32[N,4]) -> f32[N,4] {
              %y = relu %x : f32[N,4]
              return %y
            }
            """)
        #expect(ExecutorTestSupport.diagnosticMessage { _ = try Model(graph: graph, parameters: [:]) }
                == "input %x has type f32[N,4] with the unbound dimension N; bind it with `--set N=<size>` on the command line "
                + "or `graph.binding([\"N\": <size>])` in Swift before running the model")
        let model = try Model(graph: graph.binding(["N": 2]), parameters: [:])
        let x = try Tensor(shape: [2, 4], scalars: [-1, 1, -2, 2, -3, 3, 0, 4])
        #expect(try model.run(["x": x])["y"] == (try Tensor(shape: [2, 4], scalars: [0, 1, 0, 2, 0, 3, 0, 4])))
    }
}
