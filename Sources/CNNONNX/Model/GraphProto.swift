/// `GraphProto`: nodes in topological order, initializers (the weights), and the typed inputs,
/// outputs and intermediate values. Sparse initializers are not decoded; they are only counted,
/// so that an importer can report them instead of missing their values.
public struct GraphProto: Sendable, Equatable, ProtobufMessage {
    /// `node` (field 1).
    public var node: [NodeProto] = []
    /// `name` (field 2).
    public var name = ""
    /// `initializer` (field 5).
    public var initializer: [TensorProto] = []
    /// How many `sparse_initializer` entries (field 15) the graph has; they are skipped.
    public var sparseInitializerCount = 0
    /// `input` (field 11): graph inputs (in older files, initializers are listed here too).
    public var input: [ValueInfoProto] = []
    /// `output` (field 12).
    public var output: [ValueInfoProto] = []
    /// `value_info` (field 13): types of intermediate values.
    public var valueInfo: [ValueInfoProto] = []

    /// An empty graph.
    public init() {}

    public static let protobufName = "GraphProto"

    public mutating func decode(_ field: ProtobufField, from reader: inout ProtobufReader) throws {
        switch field.number {
        case 1: try reader.append(.message(NodeProto.self), field, "node", to: &node)
        case 2: name = try reader.read(.string, field, "name")
        case 5: try reader.append(.message(TensorProto.self), field, "initializer", to: &initializer)
        case 15:
            try reader.skip(field)
            sparseInitializerCount += 1
        case 11: try reader.append(.message(ValueInfoProto.self), field, "input", to: &input)
        case 12: try reader.append(.message(ValueInfoProto.self), field, "output", to: &output)
        case 13: try reader.append(.message(ValueInfoProto.self), field, "value_info", to: &valueInfo)
        default: try reader.skip(field)
        }
    }
}
