import CNNIR
import CNNONNX
import Testing

/// Fields a message does not decode are skipped by wire type; malformed tags and groups are errors.
@Suite struct UnknownFieldTests {
    /// Tags of field 99 (two varint bytes each) for every wire type.
    static let varint99: [UInt8] = [0x98, 0x06], fixed64of99: [UInt8] = [0x99, 0x06], bytes99: [UInt8] = [0x9A, 0x06]
    static let start99: [UInt8] = [0x9B, 0x06], end99: [UInt8] = [0x9C, 0x06], fixed32of99: [UInt8] = [0x9D, 0x06]
    static let start100: [UInt8] = [0xA3, 0x06], end100: [UInt8] = [0xA4, 0x06]

    @Test func unknownFieldsOfEveryWireTypeAreSkipped() throws {
        var bytes = Self.varint99 + [0x96, 0x01]
        bytes += Self.fixed64of99 + [1, 2, 3, 4, 5, 6, 7, 8]
        bytes += Self.bytes99 + [0x03, 0xAA, 0xBB, 0xCC]
        bytes += Self.fixed32of99 + [1, 2, 3, 4]
        bytes += Self.start99 + [0x08, 0x05] + Self.start100 + [0x0D, 1, 2, 3, 4] + Self.end100 + Self.end99
        bytes += [0x08, 0x07]
        var expected = Scalars()
        expected.int64 = 7
        #expect(try Scalars.decode(bytes) == expected)
    }

    @Test func theLargestFieldNumberIsAccepted() throws {
        #expect(try Scalars.decode([0xF8, 0xFF, 0xFF, 0xFF, 0x0F, 0x01]) == Scalars())
    }

    @Test func malformedTagsAreErrors() {
        #expect(diagnosticMessage { _ = try Scalars.decode([0x0E]) }
            == "test.bin: Scalars at byte 0: the tag 14 has wire type 6, which protobuf does not define")
        #expect(diagnosticMessage { _ = try Scalars.decode([0x08, 0x01, 0x0F]) }
            == "test.bin: Scalars at byte 2: the tag 15 has wire type 7, which protobuf does not define")
        #expect(diagnosticMessage { _ = try Scalars.decode([0x02, 0x00]) }
            == "test.bin: Scalars at byte 0: the tag 2 has field number 0, which protobuf does not allow")
        #expect(diagnosticMessage { _ = try Scalars.decode([0x80, 0x80, 0x80, 0x80, 0x10, 0x00]) }
            == "test.bin: Scalars at byte 0: the tag 4294967296 does not fit in 32 bits")
        #expect(diagnosticMessage { _ = try Scalars.decode([0x80]) }
            == "test.bin: Scalars at byte 0: the message ends in the middle of a varint")
    }

    @Test func unknownFieldsAreCheckedWhileSkipped() {
        #expect(diagnosticMessage { _ = try Scalars.decode(Self.bytes99 + [0x05, 0x01]) }
            == "test.bin: Scalars field 99 (skipped, length-delimited) at byte 0: length 5 exceeds the 1 bytes left")
        #expect(diagnosticMessage { _ = try Scalars.decode(Self.fixed64of99 + [1, 2]) }
            == "test.bin: Scalars field 99 (skipped, fixed64) at byte 0: a 8-byte value needs 8 bytes, but only 2 are left")
    }

    @Test func groupsMustBeClosedByTheirOwnEndTag() {
        #expect(diagnosticMessage { _ = try Scalars.decode(Self.end99) }
            == "test.bin: Scalars at byte 0: an end-group tag for field 99 closes no group")
        #expect(diagnosticMessage { _ = try Scalars.decode(Self.start99 + Self.end100) }
            == "test.bin: Scalars field 99 (skipped, start-group) at byte 0: an end-group tag for field 100 closes the group of field 99")
        #expect(diagnosticMessage { _ = try Scalars.decode(Self.start99 + [0x08, 0x01]) }
            == "test.bin: Scalars field 99 (skipped, start-group) at byte 0: the group of field 99 is not closed before the message ends")
        // A group cannot end outside the message that holds it.
        let child = Self.start99
        #expect(diagnosticMessage { _ = try Scalars.decode([0x6A, UInt8(child.count)] + child + Self.end99) }
            == "test.bin: Scalars.children[0] > Scalars field 99 (skipped, start-group) at byte 2: the group of field 99 is not closed before the message ends")
    }

    @Test func groupNestingIsBounded() throws {
        let fifty = Array([[UInt8]](repeating: Self.start99, count: 50).joined()) + Array([[UInt8]](repeating: Self.end99, count: 50).joined())
        #expect(try Scalars.decode(fifty) == Scalars())
        let deep = Array([[UInt8]](repeating: Self.start99, count: 200).joined())
        #expect(diagnosticMessage { _ = try Scalars.decode(deep) }?.hasSuffix("groups nest more than 100 levels deep") == true)
    }

    @Test func messageNestingIsBounded() throws {
        /// `depth` levels of `children` below the outermost message, the innermost holding int64 = 1.
        func nested(_ depth: Int) -> [UInt8] {
            var bytes: [UInt8] = [0x08, 0x01]
            for _ in 0..<depth {
                var writer = ProtobufWriter()
                writer.writeLengthDelimitedField(13, bytes)
                bytes = writer.bytes
            }
            return bytes
        }
        var innermost = try Scalars.decode(nested(99))
        var levels = 0
        while let child = innermost.children.first {
            innermost = child
            levels += 1
        }
        #expect(levels == 99)
        #expect(innermost.int64 == 1)
        let message = diagnosticMessage { _ = try Scalars.decode(nested(100)) }
        #expect(message?.hasPrefix("test.bin: Scalars.children[0] > Scalars.children[0] > ") == true)
        #expect(message?.hasSuffix("(field 13) at byte 235: messages nest more than 100 levels deep") == true)
    }
}
