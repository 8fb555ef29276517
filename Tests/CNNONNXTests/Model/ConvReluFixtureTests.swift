import CNNIR
import CNNONNX
import Testing

/// `conv_relu.onnx`: a Conv + Relu model with its weight in raw_data, its bias in float_data and
/// a symbolic batch dimension.
@Suite struct ConvReluFixtureTests {
    let model: ModelProto

    init() throws { model = try ONNXModelReader.read(contentsOf: Fixtures.path("conv_relu.onnx")) }

    @Test func modelFields() {
        #expect(model.irVersion == 8)
        #expect(model.producerName == "cnnc-fixtures")
        #expect(model.producerVersion == "1.0")
        #expect(model.domain == "org.cnnc.test")
        #expect(model.modelVersion == 3)
        #expect(model.docString == "Conv and Relu")
        #expect(model.opsetImport == [OperatorSetIdProto(domain: "", version: 13)])
        #expect(model.opsetVersion(domain: "ai.onnx") == 13)
        #expect(model.opsetVersion(domain: "") == 13)
        #expect(model.opsetVersion(domain: "com.microsoft") == nil)
        #expect(model.metadataProps == [StringStringEntryProto(key: "author", value: "cnnc"),
                                        StringStringEntryProto(key: "license", value: "MIT")])
    }

    @Test func nodesAndAttributes() throws {
        let graph = try #require(model.graph)
        #expect(graph.name == "conv_relu")
        #expect(graph.node.count == 2)
        let conv = graph.node[0]
        #expect(conv.opType == "Conv" && conv.name == "conv" && conv.domain == "")
        #expect(conv.input == ["x", "conv.weight", "conv.bias"])
        #expect(conv.output == ["c"])
        #expect(conv.attribute.map(\.name) == ["kernel_shape", "pads", "strides"])
        #expect(conv.attribute.map(\.type) == [.ints, .ints, .ints])
        #expect(conv.attribute.map(\.ints) == [[3, 3], [1, 1, 1, 1], [1, 1]])
        let relu = graph.node[1]
        #expect(relu.opType == "Relu" && relu.name == "relu" && relu.input == ["c"] && relu.output == ["y"])
        #expect(relu.attribute.isEmpty)
    }

    @Test func initializers() throws {
        let graph = try #require(model.graph)
        #expect(graph.initializer.map(\.name) == ["conv.weight", "conv.bias"])
        let weight = graph.initializer[0]
        #expect(weight.dims == [4, 3, 3, 3])
        #expect(weight.dataType == .float)
        #expect(weight.rawData.count == 4 * 108)
        #expect(weight.floatData.isEmpty)
        #expect(try weight.floats() == (0..<108).map { (Float($0) - 54) / 8 })
        #expect(try weight.doubles() == (0..<108).map { (Double($0) - 54) / 8 })
        let bias = graph.initializer[1]
        #expect(bias.dims == [4] && bias.rawData.isEmpty)
        #expect(bias.floatData == [0.5, -0.25, 0, 1])
        #expect(try bias.floats() == [0.5, -0.25, 0, 1])
        let origin = try #require(weight.origin)
        #expect(origin.file == Fixtures.path("conv_relu.onnx"))
        #expect(origin.path == ["ModelProto.graph", "GraphProto.initializer[0]"])
        #expect(origin.offset > 0 && origin.offset < 810)
        #expect(graph.sparseInitializerCount == 0)
    }

    @Test func valueTypesWithASymbolicBatch() throws {
        let graph = try #require(model.graph)
        /// The FLOAT tensor type of shape `[N, channels, 8, 8]`.
        func batch(_ channels: Int64) -> TypeProto {
            TypeProto(tensor: .init(elemType: .float, shape: TensorShapeProto(dim: [
                .init(.symbol("N")), .init(.size(channels)), .init(.size(8)), .init(.size(8)),
            ])))
        }
        #expect(graph.input == [ValueInfoProto(name: "x", type: batch(3))])
        #expect(graph.output == [ValueInfoProto(name: "y", type: batch(4))])
        #expect(graph.valueInfo == [ValueInfoProto(name: "c", type: batch(4))])
        #expect(graph.input[0].type?.tensorType?.shape?.dim.first?.value == .symbol("N"))
    }
}
