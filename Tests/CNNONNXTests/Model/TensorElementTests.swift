import CNNIR
import CNNONNX
import Testing

/// Element reading checks the shape against the data and rejects what it cannot read.
@Suite struct TensorElementTests {
    /// A tensor called `w` of `dataType` and `dims`, with `body` filling in its data.
    static func tensor(_ dataType: TensorProto.DataType, _ dims: [Int64], _ body: (inout TensorProto) -> Void = { _ in }) -> TensorProto {
        var tensor = TensorProto()
        tensor.name = "w"
        tensor.dataType = dataType
        tensor.dims = dims
        body(&tensor)
        return tensor
    }

    @Test func rawDataMustMatchTheShape() {
        let short = Self.tensor(.float, [2, 3]) { $0.rawData = Array(repeating: 0, count: 20) }
        #expect(diagnosticMessage { _ = try short.floats() } == "tensor 'w' has dims [2, 3]: 6 FLOAT elements need 24 bytes, but raw_data holds 20")
        let long = Self.tensor(.int16, [3]) { $0.rawData = Array(repeating: 0, count: 8) }
        #expect(diagnosticMessage { _ = try long.int64s() } == "tensor 'w' has dims [3]: 3 INT16 elements need 6 bytes, but raw_data holds 8")
        let huge = Self.tensor(.double, [1 << 61]) { $0.rawData = [1] }
        #expect(diagnosticMessage { _ = try huge.doubles() } == "tensor 'w' has dims [2305843009213693952]: 2305843009213693952 DOUBLE elements need more bytes, but raw_data holds 1")
    }

    @Test func typedFieldsMustMatchTheShapeAndType() throws {
        let short = Self.tensor(.float, [2]) { $0.floatData = [1] }
        #expect(diagnosticMessage { _ = try short.floats() } == "tensor 'w' has dims [2] (2 elements), but float_data holds 1")
        let misplaced = Self.tensor(.float, [1]) { $0.int64Data = [1] }
        #expect(diagnosticMessage { _ = try misplaced.floats() } == "tensor 'w' keeps FLOAT elements in int64_data; they belong in raw_data or float_data")
        let both = Self.tensor(.int64, [1]) {
            $0.rawData = Array(repeating: 0, count: 8)
            $0.int64Data = [1]
        }
        #expect(diagnosticMessage { _ = try both.int64s() } == "tensor 'w' has elements in both raw_data and int64_data; a tensor keeps them in one field")
        let missing = Self.tensor(.float, [2])
        #expect(diagnosticMessage { _ = try missing.floats() } == "tensor 'w' has dims [2] (2 elements) but holds no data")
        #expect(try Self.tensor(.float, [0, 5]).floats().isEmpty)
    }

    @Test func dimsAreChecked() throws {
        let negative = Self.tensor(.float, [2, -1])
        #expect(diagnosticMessage { _ = try negative.floats() } == "tensor 'w' dims [2, -1] contain the negative size -1")
        let overflow = Self.tensor(.float, [1 << 32, 1 << 32])
        #expect(diagnosticMessage { _ = try overflow.elementCount() } == "tensor 'w' dims [4294967296, 4294967296] describe more elements than cnnc can address")
        // A zero-sized dimension makes the product 0 wherever it is.
        #expect(try Self.tensor(.float, [Int64.max, Int64.max, 0]).elementCount() == 0)
    }

    @Test func unreadableTensorsAreNamed() {
        let complex = Self.tensor(TensorProto.DataType(rawValue: 14), [1]) { $0.floatData = [1, 2] }
        #expect(diagnosticMessage { _ = try complex.floats() }?.hasPrefix("tensor 'w' has element type COMPLEX64; cnnc reads FLOAT") == true)
        let future = Self.tensor(TensorProto.DataType(rawValue: 99), [1])
        #expect(diagnosticMessage { _ = try future.floats() }?.hasPrefix("tensor 'w' has element type data type 99;") == true)
        let segment = Self.tensor(.float, [1]) {
            $0.floatData = [1]
            $0.segment = TensorProto.Segment()
        }
        #expect(diagnosticMessage { _ = try segment.floats() } == "tensor 'w' is a segment (elements 0..<0) of a larger tensor, which cnnc does not read")
    }

    @Test func narrowTypedValuesKeepTheirWidth() throws {
        // int32_data holds INT8/UINT8/BOOL elements as int32 values; only the element's own bits count.
        #expect(try Self.tensor(.int8, [3]) { $0.int32Data = [-8, 255, 128] }.int64s() == [-8, -1, -128])
        #expect(try Self.tensor(.uint8, [2]) { $0.int32Data = [-1, 7] }.int64s() == [255, 7])
        #expect(try Self.tensor(.bool, [3]) { $0.rawData = [0, 1, 2] }.int64s() == [0, 1, 1])
        #expect(try Self.tensor(.uint32, [1]) { $0.uint64Data = [4_294_967_295] }.doubles() == [4_294_967_295])
    }

    @Test func halfPrecisionSpecialValues() throws {
        let bits: [UInt16] = [0x7C00, 0xFC00, 0x7BFF, 0x0001, 0x03FF, 0x8000, 0x3555]
        let raw = bits.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let values = try Self.tensor(.float16, [Int64(bits.count)]) { $0.rawData = raw }.floats()
        #expect(values == [.infinity, -.infinity, 65504, 0x1p-24, 0x1.ff8p-15, 0, 0x1.554p-2])
        #expect(values[5].sign == .minus)
        let nan = try Self.tensor(.float16, [1]) { $0.int32Data = [0x7E01] }.floats()
        #expect(nan[0].isNaN && nan[0].bitPattern == 0x7FC0_2000)
    }

    @Test func diagnosticsNameWhereTheTensorWasDecoded() throws {
        var writer = ProtobufWriter()
        writer.writeLengthDelimitedField(8, Array("x".utf8))
        writer.writeVarintField(2, 1)
        writer.writePackedField(1, [Int64(3)]) { $0.writeVarint(UInt64($1)) }
        writer.writeLengthDelimitedField(9, [0, 0, 0, 0])
        let tensor = try ONNXModelReader.decodeTensor(writer.bytes, file: "input_0.pb")
        #expect(diagnosticMessage { _ = try tensor.floats() }
            == "input_0.pb: the outermost message at byte 0: tensor 'x' has dims [3]: 3 FLOAT elements need 12 bytes, but raw_data holds 4")
    }

    @Test func anEnumValueOutsideItsTypeIsAnError() {
        #expect(diagnosticMessage { _ = try ONNXModelReader.decodeTensor([0x70, 0x05], file: "t.pb") }
            == "t.pb: TensorProto.data_location (field 14) at byte 0: 5 is not a value of DataLocation")
    }
}
