import CNNIR
import CNNONNX
import CNNRuntime
import Testing

/// The fixtures written by `scripts/onnx/make_fixtures.py`, imported.
@Suite struct FixtureImportTests {
    @Test func convReluBecomesConvAndReluWithItsWeights() throws {
        let imported = try ONNXImporter.import(contentsOf: Fixtures.path("conv_relu.onnx"))
        #expect(IRPrinter.print(imported.graph) == """
            graph @conv_relu(%x: f32[N,3,8,8]) -> f32[N,4,8,8] {
              %conv.weight = param f32[4,3,3,3]
              %conv.bias = param f32[4]
              %c = conv %x, %conv.weight, %conv.bias {pads = [1,1,1,1]} : f32[N,4,8,8]
              %y = relu %c : f32[N,4,8,8]
              return %y
            }

            """)
        #expect(imported.weights.names == ["conv.bias", "conv.weight"])
        #expect(imported.weights["conv.bias"]?.floats() == [0.5, -0.25, 0.0, 1.0])
        let firstWeights: [Float] = [-6.75, -6.625, -6.5]
        #expect(imported.weights["conv.weight"].map { Array($0.floats().prefix(3)) } == firstWeights)
    }

    @Test func convReluComputesWhatTheReferenceKernelsDo() throws {
        let imported = try ONNXImporter.import(contentsOf: Fixtures.path("conv_relu.onnx"))
        let parameters = try imported.parameterTensors()
        let model = try Model(graph: imported.graph.binding(["N": 2]), parameters: parameters)
        var generator = SeededGenerator(seed: 4)
        let x = try CNNRuntime.Tensor.random(shape: [2, 3, 8, 8], using: &generator)
        let found = try #require(try model.run(["x": x])["y"])
        let conv = try ReferenceKernels.evaluate(.conv, operands: [x, try #require(parameters["conv.weight"]), try #require(parameters["conv.bias"])],
                                                 attributes: ["pads": .ints([1, 1, 1, 1])])
        let expected = try ReferenceKernels.evaluate(.relu, operands: conv)
        #expect(found.isClose(to: expected[0], absoluteTolerance: 1e-4, relativeTolerance: 1e-4))
    }

    @Test func inputShapeFreezesTheBatch() throws {
        let imported = try ONNXImporter.import(contentsOf: Fixtures.path("conv_relu.onnx"), inputShapes: ["x": [2, 3, 8, 8]])
        #expect(imported.graph.inputs.map(\.type) == [TensorType(.f32, [2, 3, 8, 8])])
        #expect(imported.graph.outputTypes == [TensorType(.f32, [2, 4, 8, 8])])
    }

    @Test func inputShapeThatContradictsTheModelIsAnError() throws {
        let error = #expect(throws: Diagnostic.self) {
            try ONNXImporter.import(contentsOf: Fixtures.path("conv_relu.onnx"), inputShapes: ["x": [2, 4, 8, 8]])
        }
        #expect(error?.message.hasSuffix("--input-shape x=2x4x8x8 does not fit the input's declared shape [N,3,8,8]") == true)
        let unknown = #expect(throws: Diagnostic.self) {
            try ONNXImporter.import(contentsOf: Fixtures.path("conv_relu.onnx"), inputShapes: ["image": [1, 3, 8, 8]])
        }
        #expect(unknown?.message.hasSuffix("the model has no input named image; its inputs are x") == true)
    }

    @Test func aNodeOfAnotherDomainIsUnsupported() throws {
        let error = #expect(throws: DiagnosticList.self) {
            try ONNXImporter.import(try ONNXModelReader.read(contentsOf: Fixtures.path("attributes.onnx")), file: "attributes.onnx")
        }
        #expect(error?.diagnostics.map(\.message) == [
            "unsupported: org.cnnc.test.Everything (opset 2) at node every attribute ü in attributes.onnx",
        ])
    }

    @Test func initializersReturnedAsOutputsBecomeParameters() throws {
        let imported = try ONNXImporter.import(contentsOf: Fixtures.path("external.onnx"))
        #expect(imported.graph.nodes.isEmpty)
        #expect(imported.graph.outputs == ["weights", "indices", "inline"])
        #expect(imported.graph.parameters.map(\.type) == [TensorType(.f32, [2, 3]), TensorType(.i64, [2]), TensorType(.f32, [1])])
        #expect(imported.weights["indices"]?.int64s() != nil)
    }
}
