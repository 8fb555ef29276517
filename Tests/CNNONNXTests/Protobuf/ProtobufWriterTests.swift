import CNNIR
import CNNONNX
import Testing

/// The writer produces the encodings the reader reads.
@Suite struct ProtobufWriterTests {
    @Test func varintsAndTags() {
        var writer = ProtobufWriter()
        writer.writeVarint(0)
        writer.writeVarint(300)
        writer.writeVarintField(1, UInt64(bitPattern: -1))
        #expect(writer.bytes == [0x00, 0xAC, 0x02, 0x08] + Array(repeating: 0xFF, count: 9) + [0x01])
    }

    @Test func fieldsRoundTripThroughTheReader() throws {
        var writer = ProtobufWriter()
        writer.writeVarintField(2, UInt64(bitPattern: Int64(Int32.min)))
        writer.writeTag(7, .fixed32)
        writer.writeLittleEndian(Float(-3.25).bitPattern)
        writer.writeLengthDelimitedField(9, Array("name".utf8))
        writer.writePackedField(11, [Int64.min, 0, Int64.max]) { $0.writeVarint(UInt64(bitPattern: $1)) }
        writer.writePackedField(12, [Float]()) { $0.writeLittleEndian($1.bitPattern) }
        writer.writeMessageField(13) { $0.writeVarintField(1, 42) }
        let decoded = try Scalars.decode(writer.bytes)
        #expect(decoded.int32 == Int32.min)
        #expect(decoded.float == -3.25)
        #expect(decoded.string == "name")
        #expect(decoded.int64s == [Int64.min, 0, Int64.max])
        #expect(decoded.floats.isEmpty)
        #expect(decoded.children.map(\.int64) == [42])
    }

    @Test func tensorsRoundTrip() throws {
        var tensor = TensorProto()
        tensor.name = "x"
        tensor.dims = [2, 0, -1]
        tensor.dataType = .bfloat16
        tensor.floatData = [1, -0.0, .infinity]
        tensor.int32Data = [-5, 7]
        tensor.stringData = [[0xFF], []]
        tensor.int64Data = [Int64.min]
        tensor.rawData = [1, 2, 3]
        tensor.doubleData = [0.1]
        tensor.uint64Data = [UInt64.max]
        tensor.externalData = [StringStringEntryProto(key: "location", value: "w.bin")]
        tensor.dataLocation = .external
        tensor.segment = TensorProto.Segment()
        tensor.segment?.end = 4
        let decoded = try ONNXModelReader.decodeTensor(tensor.serialized(), file: "x.pb")
        #expect(decoded == tensor)
        #expect(decoded.origin?.description == "x.pb: the outermost message at byte 0")
        #expect(TensorProto().serialized().isEmpty)
    }
}
