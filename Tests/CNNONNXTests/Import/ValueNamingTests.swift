import CNNIR
import CNNONNX
import CNNRuntime
import Testing

/// ONNX names become IR value names; outputs keep their ONNX names.
@Suite struct ValueNamingTests {
    @Test func onnxNamesAreKeptAndPrintedQuoted() throws {
        var factory = ModelFactory(opset: 13)
        factory.input("input.1", [1, 4])
        factory.node("Relu", ["input.1"], ["/layer1/relu/Relu_output_0"])
        factory.node("Sigmoid", ["/layer1/relu/Relu_output_0"], ["onnx::Sigmoid_7"])
        factory.output("onnx::Sigmoid_7")
        let imported = try factory.imported()
        #expect(IRPrinter.print(imported.graph) == """
            graph @test(%input.1: f32[1,4]) -> f32[1,4] {
              %"/layer1/relu/Relu_output_0" = relu %input.1 : f32[1,4]
              %"onnx::Sigmoid_7" = sigmoid %"/layer1/relu/Relu_output_0" : f32[1,4]
              return %"onnx::Sigmoid_7"
            }

            """)
        #expect(try IRParser.parse(IRPrinter.print(imported.graph), file: "test.ir") == imported.graph)
    }

    @Test func aGraphOutputThatIsAnotherValueGetsAnIdentity() throws {
        var factory = ModelFactory(opset: 13)
        factory.input("x", [3])
        factory.node("Identity", ["x"], ["same"])
        factory.node("Dropout", ["same"], ["kept"])
        factory.output("kept")
        factory.output("x")
        let imported = try factory.imported()
        #expect(imported.graph.nodes.map(\.op) == [.identity])
        #expect(imported.graph.nodes.first?.operands == ["x"])
        #expect(imported.graph.outputs == ["kept", "x"])
    }

    @Test func extraNodesOfOneOnnxNodeAreNamedAfterItsOutput() throws {
        var factory = ModelFactory(opset: 11)
        factory.input("x", [2, 3, 4])
        factory.node("Softmax", ["x"], ["probabilities"])
        factory.output("probabilities")
        let imported = try factory.imported()
        #expect(imported.graph.nodes.map(\.name) == ["probabilities.flatten", "probabilities.softmax", "probabilities"])
    }

    @Test func unusedNodesAndInitializersAreLeftOut() throws {
        var factory = ModelFactory(opset: 13)
        factory.input("x", [2])
        try factory.initializer("unused", try CNNRuntime.Tensor(shape: [2], scalars: [1, 2]))
        factory.node("Mul", ["x", "unused"], ["dead"])
        factory.node("Relu", ["x"], ["y"])
        factory.output("y")
        let imported = try factory.imported()
        #expect(imported.graph.nodes.map(\.op) == [.relu])
        #expect(imported.graph.parameters.isEmpty)
        #expect(imported.weights.tensors.isEmpty)
    }
}
