/// How one value of a protobuf scalar, string, bytes or message type is encoded and read.
/// Pass one to `ProtobufReader.read` or `append`: `try reader.append(.int64, field, "dims", to: &dims)`.
public struct ProtobufValue<Value>: Sendable {
    /// The protobuf type name, for diagnostics (`int64`, `float`, `string`, `TensorProto`).
    public let typeName: String
    /// The wire type of one value.
    let wireType: WireType
    /// The smallest size in bytes of one element in a packed run (its exact size for fixed
    /// types), or nil when values of this type cannot be packed.
    let packedElementSize: Int?
    /// Reads one value at the reader's position.
    let read: @Sendable (inout ProtobufReader) throws -> Value
}

extension ProtobufValue {
    /// A varint-encoded type whose value is `convert` of the 64 bits read.
    private static func varint(_ typeName: String, _ convert: @escaping @Sendable (UInt64) -> Value) -> Self {
        Self(typeName: typeName, wireType: .varint, packedElementSize: 1) { convert(try $0.readVarint()) }
    }

    /// A length-delimited type whose value is `convert` of the bytes' range.
    private static func lengthDelimited(_ typeName: String,
                                        _ convert: @escaping @Sendable (ProtobufReader, Range<Int>) throws -> Value) -> Self {
        Self(typeName: typeName, wireType: .lengthDelimited, packedElementSize: nil) { reader in
            let range = try reader.readLengthDelimited()
            return try convert(reader, range)
        }
    }

    /// A nested message.
    public static func message(_ type: Value.Type) -> Self where Value: ProtobufMessage {
        Self(typeName: Value.protobufName, wireType: .lengthDelimited, packedElementSize: nil) { try $0.readMessage(Value.self) }
    }
}

extension ProtobufValue where Value == Int64 {
    /// `int64`: a varint, two's complement.
    public static var int64: Self { varint("int64") { Int64(bitPattern: $0) } }
    /// `sint64`: a zigzag-encoded varint.
    public static var sint64: Self { varint("sint64") { Int64(bitPattern: $0 >> 1) ^ -Int64(bitPattern: $0 & 1) } }
}

extension ProtobufValue where Value == Int32 {
    /// `int32` (and enums): a varint whose low 32 bits are the value (negative values take 10 bytes).
    public static var int32: Self { varint("int32") { Int32(truncatingIfNeeded: $0) } }
    /// `sint32`: a zigzag-encoded varint.
    public static var sint32: Self {
        varint("sint32") { raw in
            let bits = UInt32(truncatingIfNeeded: raw)
            return Int32(bitPattern: bits >> 1) ^ -Int32(bitPattern: bits & 1)
        }
    }
}

extension ProtobufValue where Value == UInt64 {
    /// `uint64`: a varint.
    public static var uint64: Self { varint("uint64") { $0 } }
}

extension ProtobufValue where Value == Bool {
    /// `bool`: a varint, true when not zero.
    public static var bool: Self { varint("bool") { $0 != 0 } }
}

extension ProtobufValue where Value == Float {
    /// `float`: four little-endian bytes.
    public static var float: Self {
        Self(typeName: "float", wireType: .fixed32, packedElementSize: 4) { Float(bitPattern: try $0.readLittleEndian(UInt32.self)) }
    }
}

extension ProtobufValue where Value == Double {
    /// `double`: eight little-endian bytes.
    public static var double: Self {
        Self(typeName: "double", wireType: .fixed64, packedElementSize: 8) { Double(bitPattern: try $0.readLittleEndian(UInt64.self)) }
    }
}

extension ProtobufValue where Value == String {
    /// `string`: length-delimited UTF-8 (invalid UTF-8 is an error, so that two different names
    /// can never decode to the same string).
    public static var string: Self { lengthDelimited("string") { try $0.string(in: $1) } }
}

extension ProtobufValue where Value == [UInt8] {
    /// `bytes`: length-delimited, any content.
    public static var bytes: Self { lengthDelimited("bytes") { $0.bytes(in: $1) } }
}

extension ProtobufValue where Value: RawRepresentable & Sendable, Value.RawValue == Int32 {
    /// An enum, encoded as an int32 varint; a value the Swift type does not define is an error.
    public static func enumeration(_ type: Value.Type) -> Self {
        Self(typeName: "\(Value.self)", wireType: .varint, packedElementSize: 1) { reader in
            let raw = Int32(truncatingIfNeeded: try reader.readVarint())
            guard let value = Value(rawValue: raw) else { throw WireFault("\(raw) is not a value of \(Value.self)") }
            return value
        }
    }
}
