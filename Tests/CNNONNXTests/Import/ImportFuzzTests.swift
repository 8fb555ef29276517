import CNNIR
@testable import CNNONNX
import CNNRuntime
import Testing

/// Hostile but well-formed models: attributes, shape vectors, input sizes, op types and wiring
/// of valid models replaced by extreme values. Each must import or throw a `Diagnostic` (or a
/// `DiagnosticList`): never crash, never another error.
@Suite struct ImportFuzzTests {
    /// The number of mutated models.
    static let caseCount = 5_000

    /// Values that break careless arithmetic.
    static let hostileIntegers: [Int64] = [.max, .min, -1, 0, 1, 2, 3, -2, 1 << 40, -(1 << 40), 1 << 31, 7]

    @Test func mutatedModelsImportOrThrowADiagnostic() throws {
        let seeds = try Self.baseModels()
        for seed in seeds { _ = try ONNXImporter.import(seed, file: "seed.onnx") }
        var random = SeededGenerator(seed: 2024)
        var imported = 0, diagnosed = 0
        for index in 0..<Self.caseCount {
            var model = seeds[index % seeds.count]
            for _ in 0...Int(random.next() % 3) { Self.mutate(&model, using: &random) }
            do {
                _ = try ONNXImporter.import(model, file: "case\(index).onnx")
                imported += 1
            } catch is Diagnostic {
                diagnosed += 1
            } catch is DiagnosticList {
                diagnosed += 1
            } catch {
                Issue.record("case \(index): not a Diagnostic: \(error)")
            }
        }
        #expect(imported > Self.caseCount / 20)
        #expect(diagnosed > Self.caseCount / 4)
    }

    /// One random change to `model`.
    static func mutate(_ model: inout ModelProto, using random: inout SeededGenerator) {
        guard var graph = model.graph, !graph.node.isEmpty else { return }
        let node = Int(random.next() % UInt64(graph.node.count))
        let hostile = hostileIntegers[Int(random.next() % UInt64(hostileIntegers.count))]
        switch random.next() % 7 {
        case 0:
            guard !graph.node[node].attribute.isEmpty else { break }
            let attribute = Int(random.next() % UInt64(graph.node[node].attribute.count))
            graph.node[node].attribute[attribute].i = hostile
            graph.node[node].attribute[attribute].ints = graph.node[node].attribute[attribute].ints.map { random.next() % 2 == 0 ? hostile : $0 }
            graph.node[node].attribute[attribute].f = [Float.nan, .infinity, -1e30, 0][Int(random.next() % 4)]
        case 1:
            let integers = graph.initializer.indices.filter { graph.initializer[$0].dataType == .int64 }
            guard let chosen = integers.randomElement(using: &random) else { break }
            var values = (try? graph.initializer[chosen].int64s()) ?? []
            if !values.isEmpty { values[Int(random.next() % UInt64(values.count))] = hostile }
            graph.initializer[chosen].rawData = []
            graph.initializer[chosen].int64Data = values
        case 2:
            let types = Lowerings.supportedOpTypes
            graph.node[node].opType = types[Int(random.next() % UInt64(types.count))]
        case 3:
            guard !graph.node[node].input.isEmpty else { break }
            let input = Int(random.next() % UInt64(graph.node[node].input.count))
            graph.node[node].input[input] = ["", "missing", graph.node[node].output.first ?? ""][Int(random.next() % 3)]
        case 4:
            guard var type = graph.input.first?.type?.tensorType, var shape = type.shape, !shape.dim.isEmpty else { break }
            shape.dim[Int(random.next() % UInt64(shape.dim.count))] = TensorShapeProto.Dimension(.size(hostile))
            type.shape = shape
            graph.input[0].type = TypeProto(tensor: type)
        case 5:
            model.opsetImport = [OperatorSetIdProto(domain: "", version: Int64(7 + random.next() % 17))]
        default:
            graph.node[node].input.append(graph.node[node].input.first ?? "x")
        }
        model.graph = graph
    }

    /// Valid models covering the lowerings that compute with attribute and shape values.
    static func baseModels() throws -> [ModelProto] {
        var network = ModelFactory(opset: 13)
        network.input("x", ["N", 3, 8, 8])
        try network.initializer("w", try Tensors.ramp([4, 3, 3, 3], scale: 0.01))
        for name in ["scale", "bias", "mean", "variance"] { try network.initializer(name, try Tensors.ramp([4], scale: 0.1, offset: 1)) }
        try network.initializer("zero", CNNRuntime.Tensor(scalar: Int64(0)))
        try network.initializer("axes", try Tensors.ints([0]))
        try network.initializer("rest", try Tensors.ints([-1]))
        try network.initializer("fc", try Tensors.ramp([5, 64], scale: 0.01))
        network.node("Conv", ["x", "w"], ["c"], [Attribute.ints("pads", [1, 1, 1, 1]), Attribute.ints("strides", [1, 1])])
        network.node("BatchNormalization", ["c", "scale", "bias", "mean", "variance"], ["b"], [Attribute.float("epsilon", 1e-5)])
        network.node("Relu", ["b"], ["r"])
        network.node("MaxPool", ["r"], ["p"], [Attribute.ints("kernel_shape", [2, 2]), Attribute.ints("strides", [2, 2])])
        network.node("Shape", ["p"], ["shape"])
        network.node("Gather", ["shape", "zero"], ["batch"], [Attribute.int("axis", 0)])
        network.node("Unsqueeze", ["batch", "axes"], ["batch_vector"])
        network.node("Concat", ["batch_vector", "rest"], ["target"], [Attribute.int("axis", 0)])
        network.node("Reshape", ["p", "target"], ["flat"])
        network.node("Gemm", ["flat", "fc"], ["logits"], [Attribute.int("transB", 1)])
        network.node("Softmax", ["logits"], ["y"], [Attribute.int("axis", 1)])
        network.output("y")

        var shapes = ModelFactory(opset: 18)
        shapes.input("x", [1, 2, 4, 6])
        try shapes.initializer("scales", try CNNRuntime.Tensor(shape: [4], scalars: [1, 1, 2, 2]))
        try shapes.initializer("pads", try Tensors.ints([0, 0, 1, 1, 0, 0, 1, 1]))
        try shapes.initializer("starts", try Tensors.ints([1, 0]))
        try shapes.initializer("ends", try Tensors.ints([3, 5]))
        try shapes.initializer("steps", try Tensors.ints([1, 2]))
        try shapes.initializer("slice_axes", try Tensors.ints([2, 3]))
        try shapes.initializer("repeats", try Tensors.ints([1, 1, 2, 1]))
        try shapes.initializer("sizes", try Tensors.ints([2, 3]))
        try shapes.initializer("wt", try Tensors.ramp([1, 2, 3, 3], scale: 0.1))
        shapes.node("Resize", ["x", "", "scales"], ["up"], [Attribute.string("mode", "linear")])
        shapes.node("Pad", ["up", "pads"], ["padded"], [Attribute.string("mode", "reflect")])
        shapes.node("Slice", ["padded", "starts", "ends", "slice_axes", "steps"], ["sliced"])
        shapes.node("Tile", ["sliced", "repeats"], ["tiled"])
        shapes.node("Split", ["tiled"], ["left", "right"], [Attribute.int("axis", 1), Attribute.int("num_outputs", 2)])
        shapes.node("ConvTranspose", ["left", "wt"], ["t"], [Attribute.ints("strides", [2, 2]), Attribute.ints("output_shape", [9, 7])])
        shapes.node("ConstantOfShape", ["sizes"], ["filled"], [try Attribute.tensor("value", try CNNRuntime.Tensor(shape: [1], scalars: [2]))])
        shapes.node("Expand", ["filled", "sizes"], ["expanded"])
        shapes.node("DepthToSpace", ["right"], ["d"], [Attribute.int("blocksize", 1)])
        shapes.output("t")
        shapes.output("expanded")
        shapes.output("d")
        return [network.model, shapes.model]
    }
}
