/// `ValueInfoProto`: the name and type of a graph input, output or intermediate value.
public struct ValueInfoProto: Sendable, Equatable, ProtobufMessage {
    /// `name` (field 1).
    public var name = ""
    /// `type` (field 2): nil when the file gives none.
    public var type: TypeProto?

    /// An empty value description.
    public init() {}

    /// A value `name` of `type`.
    public init(name: String, type: TypeProto?) {
        self.name = name
        self.type = type
    }

    public static let protobufName = "ValueInfoProto"

    public mutating func decode(_ field: ProtobufField, from reader: inout ProtobufReader) throws {
        switch field.number {
        case 1: name = try reader.read(.string, field, "name")
        case 2: type = try reader.read(.message(TypeProto.self), field, "type")
        default: try reader.skip(field)
        }
    }
}
