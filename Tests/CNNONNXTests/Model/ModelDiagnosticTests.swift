import CNNIR
import CNNONNX
import Testing

/// Diagnostics for broken models name the file, the path of fields and the byte offset.
@Suite struct ModelDiagnosticTests {
    @Test func aHostileLengthDeepInAModel() {
        var initializer = ProtobufWriter()
        initializer.writeLengthDelimitedField(8, Array("w".utf8))
        initializer.writeTag(9, .lengthDelimited)
        initializer.writeVarint(0xFFFF_FFFF)
        initializer.writeLittleEndian(UInt64(0))
        var graph = ProtobufWriter()
        graph.writeMessageField(1) { $0.writeLengthDelimitedField(4, Array("Relu".utf8)) }
        graph.writeLengthDelimitedField(5, initializer.bytes)
        var model = ProtobufWriter()
        model.writeVarintField(1, 8)
        model.writeLengthDelimitedField(7, graph.bytes)
        // ir_version takes bytes 0-1, the graph's tag and length 2-3, the node 4-11, the
        // initializer's tag and length 12-13, its name 14-16: raw_data's tag is at byte 17.
        #expect(diagnosticMessage { _ = try ONNXModelReader.decode(model.bytes, file: "model.onnx") }
            == "model.onnx: ModelProto.graph > GraphProto.initializer[0] > TensorProto.raw_data (field 9) at byte 17: length 4294967295 exceeds the 8 bytes left")
    }

    @Test func emptyInputIsAnEmptyModel() throws {
        let model = try ONNXModelReader.decode([], file: "empty.onnx")
        #expect(model == ModelProto())
        #expect(model.graph == nil)
    }

    @Test func sparseInitializersAreCounted() throws {
        var graph = ProtobufWriter()
        graph.writeMessageField(15) { $0.writeMessageField(1) { $0.writeLengthDelimitedField(8, Array("s".utf8)) } }
        graph.writeMessageField(15) { _ in }
        var model = ProtobufWriter()
        model.writeLengthDelimitedField(7, graph.bytes)
        #expect(try ONNXModelReader.decode(model.bytes, file: "m.onnx").graph?.sparseInitializerCount == 2)
    }

    @Test func otherKindsOfTypeAreRecorded() throws {
        var value = ProtobufWriter()
        value.writeLengthDelimitedField(1, Array("seq".utf8))
        value.writeMessageField(2) { $0.writeMessageField(4) { $0.writeVarintField(1, 1) } }
        let info = try ProtobufReader.decode(ValueInfoProto.self, from: value.bytes, file: "v.pb")
        #expect(info.name == "seq" && info.type?.value == .sequence && info.type?.tensorType == nil)
    }
}
