/// Finds the fields of an encoded message (and of the messages nested in it) without knowing
/// their types, so that the fuzzer can corrupt tags and lengths where they really are.
enum WireScanner {
    /// One field found on the wire.
    struct Field {
        /// Where the tag begins and how many bytes it takes.
        var tag: Range<Int>
        /// For a varint, fixed32 or fixed64 field, where its value is.
        var value: Range<Int>?
        /// For a length-delimited field, where its length varint is.
        var length: Range<Int>?
        /// For a length-delimited field, its payload.
        var payload: Range<Int>?
    }

    /// Every field of the message in `bytes`, and of every length-delimited payload that itself
    /// parses as a message, outermost first. Scanning stops at the first malformed field of a level.
    static func fields(of bytes: [UInt8]) -> [Field] {
        var found: [Field] = []
        scan(bytes, 0..<bytes.count, depth: 0, into: &found)
        return found
    }

    /// Scans one level; returns whether the whole range parsed.
    @discardableResult
    private static func scan(_ bytes: [UInt8], _ range: Range<Int>, depth: Int, into found: inout [Field]) -> Bool {
        var position = range.lowerBound
        var level: [Field] = []
        while position < range.upperBound {
            let tagStart = position
            guard let tag = varint(bytes, &position, limit: range.upperBound), tag >> 3 != 0 else { return false }
            var field = Field(tag: tagStart..<position)
            switch tag & 7 {
            case 0:
                let valueStart = position
                guard varint(bytes, &position, limit: range.upperBound) != nil else { return false }
                field.value = valueStart..<position
            case 1, 5:
                field.value = position..<(position + (tag & 7 == 1 ? 8 : 4))
                position += tag & 7 == 1 ? 8 : 4
            case 2:
                let lengthStart = position
                guard let length = varint(bytes, &position, limit: range.upperBound),
                      length <= UInt64(range.upperBound - position) else { return false }
                field.length = lengthStart..<position
                field.payload = position..<(position + Int(length))
                position += Int(length)
            default: return false
            }
            guard position <= range.upperBound else { return false }
            level.append(field)
        }
        found += level
        if depth < 20 {
            for payload in level.compactMap(\.payload) where !payload.isEmpty {
                var nested: [Field] = []
                if scan(bytes, payload, depth: depth + 1, into: &nested) { found += nested }
            }
        }
        return true
    }

    /// A varint at `position` (advanced past it), or nil when it is malformed or cut off.
    private static func varint(_ bytes: [UInt8], _ position: inout Int, limit: Int) -> UInt64? {
        var result: UInt64 = 0
        for shift in stride(from: 0, to: 70, by: 7) {
            guard position < limit else { return nil }
            let byte = bytes[position]
            position += 1
            if shift == 63 && byte > 1 { return nil }
            result |= UInt64(byte & 0x7F) << UInt64(shift)
            if byte & 0x80 == 0 { return result }
        }
        return nil
    }

    /// The varint encoding of `value`, padded with redundant continuation bytes to at least
    /// `minimumSize` bytes (protobuf readers accept such encodings).
    static func encode(_ value: UInt64, minimumSize: Int = 1) -> [UInt8] {
        var bytes: [UInt8] = []
        var rest = value
        while rest >= 0x80 || bytes.count + 1 < minimumSize {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
        return bytes
    }
}
