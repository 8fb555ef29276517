import CNNIR
import CNNPasses
import Testing

/// What `Differentiator` builds and what it rejects.
@Suite struct DifferentiatorTests {
    /// A graph of one parameter, one unused parameter and a scalar loss.
    private func graph() throws -> Graph {
        let b = GraphBuilder(name: "g")
        let x = try b.input("x", TensorType(.f32, [2, 3]))
        let w = try b.parameter("w", TensorType(.f32, [3]))
        _ = try b.parameter("unused", TensorType(.f32, [3]))
        let loss = try b.apply(.reduceSum, [b.mul(x, w)], ["keepdims": .bool(false)], name: "loss")
        try b.output(loss)
        return try b.build()
    }

    @Test func returnsTheLossThenTheGradients() throws {
        let result = try Differentiator.differentiate(graph(), loss: "loss", withRespectTo: ["w"])
        #expect(result.graph.outputs.first == "loss")
        #expect(result.graph.outputs.count == 2)
        let gradient = try #require(result.gradients["w"])
        #expect(result.graph.outputs[1] == gradient)
        #expect(result.graph.valueTypes[gradient] == TensorType(.f32, [3]))
        #expect(gradient.hasPrefix("grad."))
    }

    @Test func findsTheParametersThatReachTheLoss() throws {
        #expect(Differentiator.parameters(of: try graph(), reaching: "loss") == ["w"])
    }

    @Test func rejectsAParameterThatDoesNotReachTheLoss() throws {
        #expect(throws: Diagnostic.self) { try Differentiator.differentiate(graph(), loss: "loss", withRespectTo: ["unused"]) }
    }

    @Test func rejectsANonScalarLoss() throws {
        #expect(throws: Diagnostic.self) { try Differentiator.differentiate(graph(), loss: "x", withRespectTo: ["w"]) }
    }

    @Test func rejectsAnOpWithoutARule() throws {
        let b = GraphBuilder(name: "g")
        let x = try b.parameter("x", TensorType(.f32, [4]))
        let loss = try b.apply(.reduceMax, [x], ["keepdims": .bool(false)], name: "loss")
        try b.output(loss)
        let error = try #require(throws: Diagnostic.self) { try Differentiator.differentiate(b.build(), loss: "loss", withRespectTo: ["x"]) }
        #expect(error.description.contains("reduce_max"))
        #expect(error.description.contains("no gradient rule"))
    }

    @Test func rejectsNamedDimensions() throws {
        let b = GraphBuilder(name: "g")
        let x = try b.input("x", TensorType(.f32, Shape([.named("N"), .fixed(3)])))
        let w = try b.parameter("w", TensorType(.f32, [3]))
        let loss = try b.apply(.reduceSum, [b.mul(x, w)], ["keepdims": .bool(false)], name: "loss")
        try b.output(loss)
        let error = try #require(throws: Diagnostic.self) { try Differentiator.differentiate(b.build(), loss: "loss", withRespectTo: ["w"]) }
        #expect(error.description.contains("bind"))
    }
}
