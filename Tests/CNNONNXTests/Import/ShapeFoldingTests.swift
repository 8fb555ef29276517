import CNNIR
import CNNONNX
import CNNRuntime
import Testing

/// The shape arithmetic exporters emit, and anything else computed from constants alone, is
/// evaluated at import.
@Suite struct ShapeFoldingTests {
    /// `x.view(x.size(0), -1)` as PyTorch exports it: Shape, Gather, Unsqueeze, Concat, Reshape.
    private func flattenModel(batch: any Sendable) throws -> ModelFactory {
        var factory = ModelFactory(opset: 13)
        factory.input("x", [batch, 3, 4, 4])
        try factory.initializer("zero", CNNRuntime.Tensor(scalar: Int64(0)))
        try factory.initializer("axes", try Tensors.ints([0]))
        try factory.initializer("rest", try Tensors.ints([-1]))
        factory.node("Shape", ["x"], ["shape"])
        factory.node("Gather", ["shape", "zero"], ["batch"], [Attribute.int("axis", 0)])
        factory.node("Unsqueeze", ["batch", "axes"], ["batch_vector"])
        factory.node("Concat", ["batch_vector", "rest"], ["target"], [Attribute.int("axis", 0)])
        factory.node("Reshape", ["x", "target"], ["y"], name: "flatten")
        factory.output("y")
        return factory
    }

    @Test func theFlattenSubgraphFoldsToOneReshape() throws {
        let imported = try flattenModel(batch: 2).imported()
        #expect(imported.graph.nodes.map(\.op) == [.reshape])
        #expect(imported.graph.nodes.first?.attributes["shape"] == .ints([2, -1]))
        #expect(imported.graph.outputTypes == [TensorType(.f32, [2, 48])])
        #expect(imported.graph.parameters.isEmpty)
        #expect(imported.weights.tensors.isEmpty)
    }

    @Test func aSymbolicBatchPassesThroughTheFlattenSubgraph() throws {
        let imported = try flattenModel(batch: "N").imported()
        #expect(imported.graph.nodes.first?.attributes["shape"] == .ints([0, -1]))
        #expect(imported.graph.outputTypes == [TensorType(.f32, Shape([.named("N"), .fixed(48)]))])
        let frozen = try flattenModel(batch: "N").imported(inputShapes: ["x": [5, 3, 4, 4]])
        #expect(frozen.graph.nodes.first?.attributes["shape"] == .ints([5, -1]))
    }

    @Test func arithmeticOnANamedDimensionAsksForTheInputShape() throws {
        var factory = ModelFactory(opset: 13)
        factory.input("x", ["N", 3])
        try factory.initializer("two", try Tensors.ints([2, 2]))
        factory.node("Shape", ["x"], ["shape"])
        factory.node("Mul", ["shape", "two"], ["doubled"], name: "double")
        factory.node("Reshape", ["x", "doubled"], ["y"])
        factory.output("y")
        let error = #expect(throws: Diagnostic.self) { try factory.imported() }
        #expect(error?.node == "double")
        #expect(error?.message.contains("the named dimension N is used as a tensor value; give the input shapes with --input-shape") == true)
    }

    @Test func nodesOnConstantsAreEvaluatedAtImport() throws {
        var factory = ModelFactory(opset: 13)
        factory.input("x", [3])
        try factory.initializer("a", try CNNRuntime.Tensor(shape: [3], scalars: [1, 2, 3]))
        try factory.initializer("b", try CNNRuntime.Tensor(shape: [3], scalars: [0.5, 0.5, 0.5]))
        factory.node("Add", ["a", "b"], ["sum"])
        factory.node("Sqrt", ["sum"], ["root"])
        factory.node("Mul", ["x", "root"], ["y"])
        factory.output("y")
        let imported = try factory.imported()
        #expect(imported.graph.nodes.map(\.op) == [.constant, .mul])
        guard case .tensor(let literal)? = imported.graph.nodes.first?.attributes["value"] else {
            Issue.record("expected a constant literal")
            return
        }
        #expect(imported.graph.nodes.first?.name == "root")
        #expect(literal.doubles.map { Float($0) } == [1.5, 2.5, 3.5].map { Float(Double($0).squareRoot()) })
        #expect(imported.weights.tensors.isEmpty)
    }

    @Test func largeComputedConstantsBecomeParameters() throws {
        var factory = ModelFactory(opset: 13)
        factory.input("x", [2, 3, 4])
        factory.node("Shape", ["x"], ["shape"])
        factory.node("ConstantOfShape", ["shape"], ["ones"], [try Attribute.tensor("value", try CNNRuntime.Tensor(shape: [1], scalars: [1]))])
        factory.node("Add", ["x", "ones"], ["y"])
        factory.output("y")
        let imported = try factory.imported()
        #expect(imported.graph.parameters.map(\.name) == ["ones"])
        #expect(imported.weights["ones"]?.floats() == Array(repeating: 1, count: 24))
        let result = try Model(graph: imported.graph, parameters: try imported.parameterTensors()).run(["x": try Tensors.ramp([2, 3, 4])])
        #expect(result["y"]?.scalars == (0..<24).map { Float($0 + 1) })
    }

    @Test func shapeWithStartAndEndAndSizeAreConstants() throws {
        var factory = ModelFactory(opset: 15)
        factory.input("x", [2, 3, 4, 5])
        factory.node("Shape", ["x"], ["spatial"], [Attribute.int("start", -2)])
        factory.node("Size", ["x"], ["count"])
        factory.output("spatial", type: .int64)
        factory.output("count", type: .int64)
        let imported = try factory.imported()
        let result = try Model(graph: imported.graph, parameters: try imported.parameterTensors()).run(["x": try Tensors.ramp([2, 3, 4, 5])])
        #expect(try result["spatial"]?.elements(as: Int64.self) == [4, 5])
        #expect(try result["count"]?.elements(as: Int64.self) == [120])
    }

    @Test func gatherOnRunTimeDataBecomesSlices() throws {
        var factory = ModelFactory(opset: 13)
        factory.input("x", [2, 5])
        try factory.initializer("picks", try Tensors.ints([4, 0, -4]))
        factory.node("Gather", ["x", "picks"], ["y"], [Attribute.int("axis", 1)])
        factory.output("y")
        let imported = try factory.imported()
        #expect(imported.graph.nodes.map(\.op) == [.slice, .slice, .slice, .concat])
        let result = try Model(graph: imported.graph, parameters: [:]).run(["x": try Tensors.ramp([2, 5])])
        #expect(result["y"]?.scalars == [4, 0, 1, 9, 5, 6])
    }
}
