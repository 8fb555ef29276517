import CNNIR
@testable import CNNONNX
import CNNRuntime
import Testing

/// Everything a model uses that cnnc does not import is reported at once, one line per op type
/// (or attribute value, or element type) with its opset and nodes.
@Suite struct UnsupportedReportTests {
    @Test func everyUnsupportedOpIsListedOnceWithItsNodes() throws {
        var factory = ModelFactory(opset: 13)
        factory.input("x", [1, 3, 8, 8])
        factory.input("bytes", [4], type: .uint8)
        factory.node("LSTM", ["x"], ["", "h1"], name: "lstm_1")
        factory.node("Relu", ["x"], ["r"], name: "relu")
        factory.node("LSTM", ["r"], ["", "h2"], name: "lstm_2")
        factory.node("Add", ["h1", "h2"], ["sum"], name: "after_lstm")
        factory.node("GRU", ["x"], ["g"], name: "gru")
        factory.node("Resize", ["x", "", "scales"], ["up"], name: "up", [Attribute.string("mode", "cubic")])
        factory.node("Add", ["bytes", "bytes"], ["twice"], name: "add_bytes")
        factory.node("FusedConv", ["x"], ["f"], name: "fused", domain: "com.microsoft")
        try factory.initializer("scales", try CNNRuntime.Tensor(shape: [4], scalars: [1, 1, 2, 2]))
        for output in ["sum", "g", "up", "twice", "f"] { factory.output(output) }
        let error = #expect(throws: DiagnosticList.self) { try factory.imported() }
        #expect(error?.diagnostics.map(\.message) == [
            "unsupported: LSTM (opset 13) at nodes lstm_1, lstm_2 in test.onnx",
            "unsupported: GRU (opset 13) at node gru in test.onnx",
            "unsupported: Resize with mode 'cubic' (opset 13) at node up in test.onnx",
            "unsupported: Add on UINT8 tensors (opset 13) at node add_bytes in test.onnx",
            "unsupported: com.microsoft.FusedConv (opset 0) at node fused in test.onnx",
        ])
        #expect(error?.diagnostics.allSatisfy { $0.message.hasPrefix(ONNXImporter.unsupportedPrefix) } == true)
    }

    @Test func anOpsetOutsideSevenToTwentyThreeIsUnsupported() throws {
        var factory = ModelFactory(opset: 6)
        factory.input("x", [2])
        factory.node("Relu", ["x"], ["y"])
        factory.output("y")
        let error = #expect(throws: DiagnosticList.self) { try factory.imported() }
        #expect(error?.diagnostics.first?.message == "unsupported: opset 6 of the default ONNX domain (cnnc imports opsets 7 to 23) in test.onnx")
    }

    @Test func aMalformedNodeIsAnErrorNamingIt() throws {
        var factory = ModelFactory(opset: 13)
        factory.input("x", [2, 3])
        factory.input("w", [4, 5])
        factory.node("MatMul", ["x", "w"], ["y"], name: "project")
        factory.output("y")
        let error = #expect(throws: Diagnostic.self) { try factory.imported() }
        #expect(error?.node == "project")
        #expect(error?.op == "MatMul")
        #expect(error?.message.contains("(lowered to matmul)") == true)
    }

    @Test func aShapeInputKnownOnlyAtRunTimeNamesTheInput() throws {
        var factory = ModelFactory(opset: 13)
        factory.input("x", [2, 6])
        factory.input("shape", [2], type: .int64)
        factory.node("Reshape", ["x", "shape"], ["y"], name: "reshape")
        factory.output("y")
        let error = #expect(throws: DiagnosticList.self) { try factory.imported() }
        #expect(error?.diagnostics.first?.message
            == "unsupported: Reshape with its shape given at run time (graph input 'shape'; give its value at import) (opset 13) at node reshape in test.onnx")
        let imported = try ONNXImporter.import(factory.model, file: "test.onnx", inputValues: ["shape": try Tensors.ints([3, 4])])
        #expect(imported.graph.inputs.map(\.name) == ["x"])
        #expect(imported.graph.outputTypes == [TensorType(.f32, [3, 4])])
    }

    @Test func padsComputedFromAnIntegerInputNameThatInput() throws {
        var factory = ModelFactory(opset: 18)
        factory.input("x", [2, 3])
        factory.input("amount", [2], type: .int64)
        factory.node("Concat", ["amount", "amount"], ["pads"], name: "pads", [Attribute.int("axis", 0)])
        factory.node("Pad", ["x", "pads"], ["y"], name: "pad")
        factory.output("y")
        let error = #expect(throws: DiagnosticList.self) { try factory.imported() }
        #expect(error?.diagnostics.first?.message
            == "unsupported: Pad with its pads computed at run time from graph input 'amount' (give its value at import) (opset 18) at node pad in test.onnx")
        #expect(ONNXImporter.inputsReadAtImport(factory.model, file: "test.onnx", inputValues: [:]) == ["amount"])
        let imported = try ONNXImporter.import(factory.model, file: "test.onnx", inputValues: ["amount": try Tensors.ints([1, 0])])
        #expect(imported.graph.outputTypes == [TensorType(.f32, [4, 3])])
    }
}
