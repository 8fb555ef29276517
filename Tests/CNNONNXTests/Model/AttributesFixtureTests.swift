import CNNIR
import CNNONNX
import Testing

/// `attributes.onnx`: one node with an attribute of every kind, subgraphs, a reference
/// attribute, and an input with known, symbolic and unknown dimensions.
@Suite struct AttributesFixtureTests {
    let model: ModelProto
    let node: NodeProto

    init() throws {
        model = try ONNXModelReader.read(contentsOf: Fixtures.path("attributes.onnx"))
        node = try #require(model.graph?.node.first)
    }

    /// The attribute called `name`.
    func attribute(_ name: String) throws -> AttributeProto {
        try #require(node.attribute.first { $0.name == name })
    }

    @Test func modelAndNode() throws {
        #expect(model.irVersion == 10)
        #expect(model.opsetImport == [OperatorSetIdProto(domain: "", version: 21), OperatorSetIdProto(domain: "org.cnnc.test", version: 2)])
        #expect(model.opsetVersion(domain: "org.cnnc.test") == 2)
        #expect(model.graph?.node.count == 1)
        #expect(node.name == "every attribute ü")
        #expect(node.opType == "Everything" && node.domain == "org.cnnc.test")
        #expect(node.input == ["x", ""] && node.output == ["y"])
        #expect(node.attribute.map(\.name) == ["f", "floats", "g", "graphs", "i", "ints", "s", "strings", "t", "tensors", "alpha"])
        #expect(node.attribute.map(\.type.description) == ["FLOAT", "FLOATS", "GRAPH", "GRAPHS", "INT", "INTS", "STRING", "STRINGS", "TENSOR", "TENSORS", "FLOAT"])
    }

    @Test func scalarAndListAttributes() throws {
        #expect(try attribute("f").f == 1.5)
        #expect(try attribute("i").i == -7)
        #expect(try attribute("s").s == Array("text".utf8))
        #expect(try attribute("floats").floats == [0.25, -2, 1e30])
        #expect(try attribute("ints").ints == [0, -1, 1 << 62, Int64.min])
        #expect(try attribute("strings").strings == [[0x61], [], [0xC3, 0xA9]])
        let reference = try attribute("alpha")
        #expect(reference.refAttrName == "parent_alpha" && reference.type == .float && reference.f == 0)
    }

    @Test func tensorAttributes() throws {
        let t = try #require(try attribute("t").t)
        #expect(t.name == "t" && t.dataType == .int64 && t.dims == [2])
        #expect(try t.int64s() == [-1, 1 << 40])
        let tensors = try attribute("tensors").tensors
        #expect(tensors.map(\.name) == ["t0", "t1"])
        #expect(tensors[0].dims.isEmpty && tensors[0].dataType == .float)
        #expect(try tensors[0].floats() == [3])
        #expect(tensors[1].dataType == .double)
        #expect(try tensors[1].doubles() == [-0.5])
        #expect(tensors[1].origin?.path == ["ModelProto.graph", "GraphProto.node[0]", "NodeProto.attribute[9]", "AttributeProto.tensors[1]"])
    }

    @Test func graphAttributes() throws {
        let inner = try #require(try attribute("g").g)
        let scalarInt64 = TypeProto(tensor: .init(elemType: .int64, shape: TensorShapeProto()))
        #expect(inner.name == "inner")
        #expect(inner.node.map(\.opType) == ["Identity"])
        #expect(inner.node.first?.input == ["a"] && inner.node.first?.output == ["b"])
        #expect(inner.input == [ValueInfoProto(name: "a", type: scalarInt64)])
        #expect(inner.output == [ValueInfoProto(name: "b", type: scalarInt64)])
        let graphs = try attribute("graphs").graphs
        #expect(graphs.count == 2)
        #expect(graphs[0] == inner)
        #expect(graphs[1].name == "second" && graphs[1].node.isEmpty)
        #expect(graphs[1].output == [ValueInfoProto(name: "s", type: TypeProto(tensor: .init(elemType: .float, shape: nil)))])
    }

    @Test func knownSymbolicAndUnknownDimensions() throws {
        let graph = try #require(model.graph)
        let input = try #require(graph.input.first?.type?.tensorType)
        #expect(input.elemType == .float)
        #expect(input.shape?.dim == [.init(.size(1)), .init(.symbol("C")), .init(nil)])
        #expect(graph.output.first?.type?.tensorType?.shape == nil)
    }
}
