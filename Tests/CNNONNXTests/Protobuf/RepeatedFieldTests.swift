import CNNIR
import CNNONNX
import Testing

/// Repeated scalar fields, packed and unpacked, and repeated messages.
@Suite struct RepeatedFieldTests {
    @Test func packedAndUnpackedInt64sDecodeAlike() throws {
        let unpacked: [UInt8] = [0x58, 0x01, 0x58, 0xAC, 0x02, 0x58] + Array(repeating: 0xFF, count: 9) + [0x01]
        let packed: [UInt8] = [0x5A, 0x0D, 0x01, 0xAC, 0x02] + Array(repeating: 0xFF, count: 9) + [0x01]
        #expect(try Scalars.decode(unpacked).int64s == [1, 300, -1])
        #expect(try Scalars.decode(packed).int64s == [1, 300, -1])
    }

    @Test func packedAndUnpackedRunsOfOneFieldConcatenate() throws {
        let bytes: [UInt8] = [0x5A, 0x02, 0x01, 0x02, 0x58, 0x03, 0x5A, 0x00, 0x5A, 0x01, 0x04]
        #expect(try Scalars.decode(bytes).int64s == [1, 2, 3, 4])
    }

    @Test func packedFixedWidthFields() throws {
        let floats: [UInt8] = [0x62, 0x08, 0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0xC0, 0x65, 0x00, 0x00, 0x40, 0x40]
        #expect(try Scalars.decode(floats).floats == [1, -2, 3])
        let doubles: [UInt8] = [0x72, 0x08, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F, 0x71, 0, 0, 0, 0, 0, 0, 0, 0x40]
        #expect(try Scalars.decode(doubles).doubles == [1, 2])
    }

    @Test func packedZigzag() throws {
        #expect(try Scalars.decode([0x7A, 0x03, 0x01, 0x02, 0x03, 0x78, 0x04]).sint32s == [-1, 1, -2, 2])
    }

    @Test func aPackedFixedRunMustHoldWholeElements() {
        #expect(diagnosticMessage { _ = try Scalars.decode([0x62, 0x05, 0, 0, 0x80, 0x3F, 0]) }
            == "test.bin: Scalars.floats[0] (field 12) at byte 0: the packed run of 5 bytes is not a whole number of 4-byte float elements")
    }

    @Test func aVarintCutByTheEndOfAPackedRunIsAnError() {
        // The run is two bytes long, but its second varint continues past it (into field 1).
        #expect(diagnosticMessage { _ = try Scalars.decode([0x5A, 0x02, 0x01, 0x80, 0x08, 0x01]) }
            == "test.bin: Scalars.int64s[0] (field 11) at byte 0: the message ends in the middle of a varint")
    }

    @Test func nestedMessagesAndTheirPathInDiagnostics() throws {
        let child: [UInt8] = [0x08, 0x05, 0x6A, 0x02, 0x08, 0x06]
        let decoded = try Scalars.decode([0x6A, UInt8(child.count)] + child + [0x6A, 0x00])
        #expect(decoded.children.count == 2)
        #expect(decoded.children[0].int64 == 5)
        #expect(decoded.children[0].children.map(\.int64) == [6])
        #expect(decoded.children[1] == Scalars())

        let broken: [UInt8] = [0x08, 0x01, 0x6A, 0x00, 0x6A, 0x05, 0x6A, 0x03, 0x52, 0x09, 0x00]
        #expect(diagnosticMessage { _ = try Scalars.decode(broken) }
            == "test.bin: Scalars.children[1] > Scalars.children[0] > Scalars.bytes (field 10) at byte 8: length 9 exceeds the 1 bytes left")
    }

    @Test func aNestedMessageCannotReachPastItsParent() {
        // The child is 2 bytes long; its bytes field claims 3 more, which belong to the parent.
        #expect(diagnosticMessage { _ = try Scalars.decode([0x6A, 0x02, 0x52, 0x03, 0x01, 0x02, 0x03]) }
            == "test.bin: Scalars.children[0] > Scalars.bytes (field 10) at byte 2: length 3 exceeds the 0 bytes left")
    }
}
