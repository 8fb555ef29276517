/// Builds the protobuf encoding of a message, field by field (used to write ONNX tensors as
/// `.pb` files). Fields are written in the order the calls come; readers accept any order.
public struct ProtobufWriter: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []

    /// An empty writer.
    public init() {}

    /// A tag: the field number and the wire type of the value that follows.
    public mutating func writeTag(_ number: Int, _ wireType: WireType) {
        writeVarint(UInt64(number) << 3 | UInt64(wireType.rawValue))
    }

    /// A base-128 varint.
    public mutating func writeVarint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    /// A fixed-width value in little-endian byte order.
    public mutating func writeLittleEndian<Integer: FixedWidthInteger>(_ value: Integer) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// A varint field (int32, int64, uint64, bool, enum; a negative int32 is sign-extended to 10 bytes).
    public mutating func writeVarintField(_ number: Int, _ value: UInt64) {
        writeTag(number, .varint)
        writeVarint(value)
    }

    /// A length-delimited field: string, bytes or an already encoded message.
    public mutating func writeLengthDelimitedField(_ number: Int, _ payload: [UInt8]) {
        writeTag(number, .lengthDelimited)
        writeVarint(UInt64(payload.count))
        bytes.append(contentsOf: payload)
    }

    /// A nested message field whose fields `body` writes.
    public mutating func writeMessageField(_ number: Int, _ body: (inout ProtobufWriter) -> Void) {
        var nested = ProtobufWriter()
        body(&nested)
        writeLengthDelimitedField(number, nested.bytes)
    }

    /// A packed repeated field (nothing when `values` is empty), each element written by `element`.
    public mutating func writePackedField<Element>(_ number: Int, _ values: [Element],
                                                   _ element: (inout ProtobufWriter, Element) -> Void) {
        guard !values.isEmpty else { return }
        writeMessageField(number) { packed in
            for value in values { element(&packed, value) }
        }
    }
}
