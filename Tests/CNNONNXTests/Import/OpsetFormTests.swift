import CNNIR
import Foundation
import CNNONNX
import CNNRuntime
import Testing

/// Ops whose attributes became inputs, or whose meaning changed, between opsets: each form
/// lowers to the same IR.
@Suite struct OpsetFormTests {
    /// The model of one node `opType` on input x of `shape`, output y, with the given extra
    /// initializers as further inputs.
    private func single(_ opType: String, opset: Int64, shape: [Int], inputs: [(String, CNNRuntime.Tensor)] = [],
                        outputs: [String] = ["y"], _ attributes: [AttributeProto] = []) throws -> ImportedModel {
        var factory = ModelFactory(opset: opset)
        factory.input("x", shape)
        for (name, value) in inputs where !name.isEmpty { try factory.initializer(name, value) }
        factory.node(opType, ["x"] + inputs.map(\.0), outputs, name: "node", attributes)
        for output in outputs { factory.output(output) }
        return try factory.imported()
    }

    @Test func softmaxBeforeOpset13NormalizesTheFlattenedRows() throws {
        let old = try single("Softmax", opset: 11, shape: [2, 3, 4])
        #expect(old.graph.nodes.map(\.op) == [.flatten, .softmax, .reshape])
        #expect(old.graph.nodes[0].attributes["axis"] == nil)
        let current = try single("Softmax", opset: 13, shape: [2, 3, 4])
        #expect(current.graph.nodes.map(\.op) == [.softmax])
        let x = try Tensors.ramp([2, 3, 4], scale: 0.25)
        let oldResult = try Model(graph: old.graph, parameters: [:]).run(["x": x])["y"]
        let currentResult = try Model(graph: current.graph, parameters: [:]).run(["x": x])["y"]
        let values = x.scalars
        let rows = (0..<2).flatMap { softmax(Array(values[($0 * 12)..<($0 * 12 + 12)])) }
        let lastAxis = (0..<6).flatMap { softmax(Array(values[($0 * 4)..<($0 * 4 + 4)])) }
        #expect(oldResult?.isClose(to: try CNNRuntime.Tensor(shape: [2, 3, 4], scalars: rows)) == true)
        #expect(currentResult?.isClose(to: try CNNRuntime.Tensor(shape: [2, 3, 4], scalars: lastAxis)) == true)
    }

    @Test func softmaxBeforeOpset13OnTheLastAxisIsOneSoftmax() throws {
        let imported = try single("LogSoftmax", opset: 11, shape: [2, 5], [Attribute.int("axis", 1)])
        #expect(imported.graph.nodes.map(\.op) == [.logSoftmax])
    }

    @Test func clipBoundsComeFromAttributesThenFromInputs() throws {
        let old = try single("Clip", opset: 10, shape: [4], [Attribute.float("min", -1), Attribute.float("max", 2)])
        let current = try single("Clip", opset: 11, shape: [4], inputs: [("low", Tensors.scalar(-1)), ("high", Tensors.scalar(2))])
        let bounds: Attributes = ["min": .float(-1), "max": .float(2)]
        #expect(old.graph.nodes.map(\.attributes) == [bounds])
        #expect(current.graph.nodes.map(\.attributes) == [bounds])
        #expect(current.graph.parameters.isEmpty)
        let lowerOnly = try single("Clip", opset: 13, shape: [4], inputs: [("low", Tensors.scalar(0))])
        #expect(lowerOnly.graph.nodes.map(\.attributes) == [["min": .float(0)]])
    }

    @Test func squeezeAxesComeFromTheAttributeThenFromAnInput() throws {
        let old = try single("Squeeze", opset: 11, shape: [2, 1, 3], [Attribute.ints("axes", [1])])
        let current = try single("Squeeze", opset: 13, shape: [2, 1, 3], inputs: [("axes", try Tensors.ints([1]))])
        for imported in [old, current] {
            #expect(imported.graph.nodes.map(\.op) == [.squeeze])
            #expect(imported.graph.nodes.first?.attributes["axes"] == .ints([1]))
            #expect(imported.graph.outputTypes == [TensorType(.f32, [2, 3])])
            #expect(imported.weights.tensors.isEmpty)
        }
    }

    @Test func splitSizesComeFromAnInputOrFromNumOutputs() throws {
        let sized = try single("Split", opset: 13, shape: [6, 2], inputs: [("sizes", try Tensors.ints([2, 4]))], outputs: ["a", "b"])
        #expect(sized.graph.nodes.map(\.attributes) == [["split": .ints([2, 4])]])
        #expect(sized.graph.outputTypes == [TensorType(.f32, [2, 2]), TensorType(.f32, [4, 2])])
        let counted = try single("Split", opset: 18, shape: [7], outputs: ["a", "b", "c"], [Attribute.int("num_outputs", 3)])
        #expect(counted.graph.nodes.map(\.attributes) == [["split": .ints([3, 3, 1])]])
        let result = try Model(graph: counted.graph, parameters: [:]).run(["x": try Tensors.ramp([7])])
        #expect(result["c"]?.scalars == [6])
        #expect(result["b"]?.scalars == [3, 4, 5])
    }

    @Test func padComesFromAttributesThenFromInputs() throws {
        let old = try single("Pad", opset: 10, shape: [2, 3], [Attribute.ints("pads", [0, 1, 1, 0]), Attribute.float("value", 1.5)])
        let current = try single("Pad", opset: 11, shape: [2, 3],
                                 inputs: [("pads", try Tensors.ints([0, 1, 1, 0])), ("fill", Tensors.scalar(1.5))])
        let expected: Attributes = ["pads": .ints([0, 1, 1, 0]), "value": .float(1.5)]
        #expect(old.graph.nodes.map(\.attributes) == [expected])
        #expect(current.graph.nodes.map(\.attributes) == [expected])
        #expect(current.graph.outputTypes == [TensorType(.f32, [3, 4])])
    }

    @Test func negativePadsCrop() throws {
        let imported = try single("Pad", opset: 18, shape: [2, 5], inputs: [("pads", try Tensors.ints([0, -1, 1, -2]))])
        #expect(imported.graph.nodes.map(\.op) == [.pad, .slice])
        let result = try Model(graph: imported.graph, parameters: [:]).run(["x": try Tensors.ramp([2, 5])])
        #expect(result["y"]?.shape == [3, 2])
        #expect(result["y"]?.scalars == [1, 2, 6, 7, 0, 0])
    }

    /// e^x / Σ e^x.
    private func softmax(_ values: [Float]) -> [Float] {
        let exponentials = values.map { Foundation.exp(Double($0)) }
        let total = exponentials.reduce(0, +)
        return exponentials.map { Float($0 / total) }
    }
}
