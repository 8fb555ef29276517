/// `NodeProto`: one operator application in a graph.
public struct NodeProto: Sendable, Equatable, ProtobufMessage {
    /// `input` (field 1): value names; an empty name marks an omitted optional input.
    public var input: [String] = []
    /// `output` (field 2): value names.
    public var output: [String] = []
    /// `name` (field 3): may be empty.
    public var name = ""
    /// `op_type` (field 4), such as `Conv`.
    public var opType = ""
    /// `domain` (field 7): empty (or `ai.onnx`) for the default operator set.
    public var domain = ""
    /// `attribute` (field 5).
    public var attribute: [AttributeProto] = []

    /// An empty node.
    public init() {}

    public static let protobufName = "NodeProto"

    public mutating func decode(_ field: ProtobufField, from reader: inout ProtobufReader) throws {
        switch field.number {
        case 1: try reader.append(.string, field, "input", to: &input)
        case 2: try reader.append(.string, field, "output", to: &output)
        case 3: name = try reader.read(.string, field, "name")
        case 4: opType = try reader.read(.string, field, "op_type")
        case 7: domain = try reader.read(.string, field, "domain")
        case 5: try reader.append(.message(AttributeProto.self), field, "attribute", to: &attribute)
        default: try reader.skip(field)
        }
    }
}
