/// `ModelProto`: a whole ONNX model: versions, operator sets, producer, metadata and the graph.
/// Training information, model-local functions and device configurations are skipped.
public struct ModelProto: Sendable, Equatable, ProtobufMessage {
    /// `ir_version` (field 1): the ONNX file format version.
    public var irVersion: Int64 = 0
    /// `opset_import` (field 8): the operator sets the graph uses, with their versions.
    public var opsetImport: [OperatorSetIdProto] = []
    /// `producer_name` (field 2), such as `pytorch`.
    public var producerName = ""
    /// `producer_version` (field 3).
    public var producerVersion = ""
    /// `domain` (field 4): the model's namespace.
    public var domain = ""
    /// `model_version` (field 5).
    public var modelVersion: Int64 = 0
    /// `doc_string` (field 6).
    public var docString = ""
    /// `graph` (field 7).
    public var graph: GraphProto?
    /// `metadata_props` (field 14).
    public var metadataProps: [StringStringEntryProto] = []

    /// An empty model.
    public init() {}

    public static let protobufName = "ModelProto"

    public mutating func decode(_ field: ProtobufField, from reader: inout ProtobufReader) throws {
        switch field.number {
        case 1: irVersion = try reader.read(.int64, field, "ir_version")
        case 8: try reader.append(.message(OperatorSetIdProto.self), field, "opset_import", to: &opsetImport)
        case 2: producerName = try reader.read(.string, field, "producer_name")
        case 3: producerVersion = try reader.read(.string, field, "producer_version")
        case 4: domain = try reader.read(.string, field, "domain")
        case 5: modelVersion = try reader.read(.int64, field, "model_version")
        case 6: docString = try reader.read(.string, field, "doc_string")
        case 7: graph = try reader.read(.message(GraphProto.self), field, "graph")
        case 14: try reader.append(.message(StringStringEntryProto.self), field, "metadata_props", to: &metadataProps)
        default: try reader.skip(field)
        }
    }

    /// The version of operator set `domain` the model imports (`""` and `ai.onnx` name the same
    /// default set), or nil when it imports none.
    public func opsetVersion(domain: String) -> Int64? {
        let wanted = domain == "ai.onnx" ? "" : domain
        return opsetImport.last { ($0.domain == "ai.onnx" ? "" : $0.domain) == wanted }?.version
    }
}
