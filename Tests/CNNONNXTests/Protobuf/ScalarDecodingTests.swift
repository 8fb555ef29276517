import CNNIR
import CNNONNX
import Testing

/// Scalar fields of every wire type, decoded from hand-written bytes.
@Suite struct ScalarDecodingTests {
    @Test func varintsOfOneToTenBytes() throws {
        #expect(try Scalars.decode([0x08, 0x00]).int64 == 0)
        #expect(try Scalars.decode([0x08, 0x7F]).int64 == 127)
        #expect(try Scalars.decode([0x08, 0xAC, 0x02]).int64 == 300)
        let maximum: [UInt8] = [0x18] + Array(repeating: 0xFF, count: 9) + [0x01]
        #expect(try Scalars.decode(maximum).uint64 == UInt64.max)
        // A varint may carry redundant continuation bytes (non-canonical but valid).
        #expect(try Scalars.decode([0x18, 0x81, 0x80, 0x80, 0x00]).uint64 == 1)
    }

    @Test func negativeInt64AndInt32TakeTenBytes() throws {
        let minusOne: [UInt8] = Array(repeating: 0xFF, count: 9) + [0x01]
        #expect(try Scalars.decode([0x08] + minusOne).int64 == -1)
        #expect(try Scalars.decode([0x10] + minusOne).int32 == -1)
        let int32Minimum: [UInt8] = [0x10, 0x80, 0x80, 0x80, 0x80, 0xF8, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]
        #expect(try Scalars.decode(int32Minimum).int32 == Int32.min)
        let int64Minimum: [UInt8] = [0x08] + Array(repeating: 0x80, count: 9) + [0x01]
        #expect(try Scalars.decode(int64Minimum).int64 == Int64.min)
    }

    @Test func anElevenByteVarintIsAnError() {
        let bytes: [UInt8] = [0x08] + Array(repeating: 0xFF, count: 10) + [0x01]
        let message = diagnosticMessage { _ = try Scalars.decode(bytes) }
        #expect(message == "test.bin: Scalars.int64 (field 1) at byte 0: the varint is longer than 10 bytes")
    }

    @Test func aTenthByteAboveOneOverflows() {
        let bytes: [UInt8] = [0x18] + Array(repeating: 0xFF, count: 9) + [0x02]
        #expect(diagnosticMessage { _ = try Scalars.decode(bytes) }?.hasSuffix("the varint overflows 64 bits") == true)
    }

    @Test func zigzagDecodesSignedValues() throws {
        let cases: [(UInt8, Int32)] = [(0, 0), (1, -1), (2, 1), (3, -2), (0x7F, -64)]
        for (encoded, expected) in cases {
            #expect(try Scalars.decode([0x20, encoded]).sint32 == expected)
        }
        #expect(try Scalars.decode([0x20, 0xFE, 0xFF, 0xFF, 0xFF, 0x0F]).sint32 == Int32.max)
        #expect(try Scalars.decode([0x20, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F]).sint32 == Int32.min)
        let sint64Minimum: [UInt8] = [0x28] + Array(repeating: 0xFF, count: 9) + [0x01]
        #expect(try Scalars.decode(sint64Minimum).sint64 == Int64.min)
        let sint64Maximum: [UInt8] = [0x28, 0xFE] + Array(repeating: 0xFF, count: 8) + [0x01]
        #expect(try Scalars.decode(sint64Maximum).sint64 == Int64.max)
    }

    @Test func boolIsTrueForAnyNonZeroVarint() throws {
        #expect(try Scalars.decode([0x30, 0x00]).bool == false)
        #expect(try Scalars.decode([0x30, 0x01]).bool == true)
        #expect(try Scalars.decode([0x30, 0x80, 0x01]).bool == true)
    }

    @Test func fixed32AndFixed64AreLittleEndian() throws {
        let decoded = try Scalars.decode([0x3D, 0x00, 0x00, 0xC0, 0x3F, 0x41, 0, 0, 0, 0, 0, 0, 0xE0, 0xBF])
        #expect(decoded.float == 1.5)
        #expect(decoded.double == -0.5)
        let nan = try Scalars.decode([0x3D, 0x01, 0x00, 0xC0, 0x7F]).float
        #expect(nan.isNaN && nan.bitPattern == 0x7FC0_0001)
    }

    @Test func truncatedFixedValuesAreErrors() {
        #expect(diagnosticMessage { _ = try Scalars.decode([0x3D, 0x00, 0x00, 0xC0]) }
            == "test.bin: Scalars.float (field 7) at byte 0: a 4-byte value needs 4 bytes, but only 3 are left")
        #expect(diagnosticMessage { _ = try Scalars.decode([0x41, 0, 0, 0, 0, 0, 0, 0]) }
            == "test.bin: Scalars.double (field 8) at byte 0: a 8-byte value needs 8 bytes, but only 7 are left")
    }

    @Test func stringsAndBytes() throws {
        let decoded = try Scalars.decode([0x4A, 0x03, 0x61, 0xC3, 0xA9, 0x52, 0x02, 0xFF, 0x00])
        #expect(decoded.string == "aé")
        #expect(decoded.bytes == [0xFF, 0x00])
        #expect(try Scalars.decode([0x4A, 0x00]).string == "")
    }

    @Test func invalidUTF8InAStringIsAnError() {
        #expect(diagnosticMessage { _ = try Scalars.decode([0x4A, 0x02, 0xC3, 0x28]) }
            == "test.bin: Scalars.string (field 9) at byte 0: the 2-byte string is not valid UTF-8")
    }

    @Test func aLengthBeyondTheMessageIsReportedBeforeSlicing() {
        let bytes: [UInt8] = [0x52, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x01, 0x02, 0x03]
        #expect(diagnosticMessage { _ = try Scalars.decode(bytes) }
            == "test.bin: Scalars.bytes (field 10) at byte 0: length 4294967295 exceeds the 3 bytes left")
        let huge: [UInt8] = [0x52] + Array(repeating: 0xFF, count: 9) + [0x01]
        #expect(diagnosticMessage { _ = try Scalars.decode(huge) }?.hasSuffix("length 18446744073709551615 exceeds the 0 bytes left") == true)
    }

    @Test func aLaterValueOfASingularFieldWins() throws {
        #expect(try Scalars.decode([0x08, 0x01, 0x08, 0x02]).int64 == 2)
    }

    @Test func aWireTypeThatDoesNotFitTheFieldIsNamed() {
        #expect(diagnosticMessage { _ = try Scalars.decode([0x0D, 0, 0, 0, 0]) }
            == "test.bin: Scalars.int64 (field 1) at byte 0: wire type fixed32 does not fit the field's type int64 (varint)")
        #expect(diagnosticMessage { _ = try Scalars.decode([0x48, 0x01]) }
            == "test.bin: Scalars.string (field 9) at byte 0: wire type varint does not fit the field's type string (length-delimited)")
        #expect(diagnosticMessage { _ = try Scalars.decode([0x59, 0, 0, 0, 0, 0, 0, 0, 0]) }
            == "test.bin: Scalars.int64s[0] (field 11) at byte 0: wire type fixed64 does not fit the field's type int64 (varint, or length-delimited when packed)")
    }
}
