/// `OperatorSetIdProto`: an operator set a model uses, and its version.
public struct OperatorSetIdProto: Sendable, Equatable, ProtobufMessage {
    /// `domain` (field 1): empty (or `ai.onnx`) for the default ONNX operator set.
    public var domain = ""
    /// `version` (field 2).
    public var version: Int64 = 0

    /// An empty entry.
    public init() {}

    /// The operator set `domain` at `version`.
    public init(domain: String, version: Int64) {
        self.domain = domain
        self.version = version
    }

    public static let protobufName = "OperatorSetIdProto"

    public mutating func decode(_ field: ProtobufField, from reader: inout ProtobufReader) throws {
        switch field.number {
        case 1: domain = try reader.read(.string, field, "domain")
        case 2: version = try reader.read(.int64, field, "version")
        default: try reader.skip(field)
        }
    }
}
