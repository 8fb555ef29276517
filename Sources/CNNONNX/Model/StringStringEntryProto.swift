/// `StringStringEntryProto`: a key and a value (metadata, external-data references).
public struct StringStringEntryProto: Sendable, Equatable, ProtobufMessage {
    /// `key` (field 1).
    public var key = ""
    /// `value` (field 2).
    public var value = ""

    /// An empty entry.
    public init() {}

    /// An entry mapping `key` to `value`.
    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }

    public static let protobufName = "StringStringEntryProto"

    public mutating func decode(_ field: ProtobufField, from reader: inout ProtobufReader) throws {
        switch field.number {
        case 1: key = try reader.read(.string, field, "key")
        case 2: value = try reader.read(.string, field, "value")
        default: try reader.skip(field)
        }
    }
}
