/// `AttributeProto`: a named attribute of a node. `type` says which value field is in use.
/// Sparse tensor and type-proto values (fields 14, 15, 22, 23) are skipped; `type` still names them.
public struct AttributeProto: Sendable, Equatable, ProtobufMessage {
    /// `name` (field 1).
    public var name = ""
    /// `ref_attr_name` (field 21): inside a function body, the attribute of the calling node this one refers to.
    public var refAttrName = ""
    /// `type` (field 20).
    public var type: AttributeType = .undefined
    /// `f` (field 2).
    public var f: Float = 0
    /// `i` (field 3).
    public var i: Int64 = 0
    /// `s` (field 4): bytes, by convention UTF-8.
    public var s: [UInt8] = []
    /// `t` (field 5).
    public var t: TensorProto?
    /// `g` (field 6).
    public var g: GraphProto?
    /// `floats` (field 7).
    public var floats: [Float] = []
    /// `ints` (field 8).
    public var ints: [Int64] = []
    /// `strings` (field 9).
    public var strings: [[UInt8]] = []
    /// `tensors` (field 10).
    public var tensors: [TensorProto] = []
    /// `graphs` (field 11).
    public var graphs: [GraphProto] = []

    /// An empty attribute.
    public init() {}

    public static let protobufName = "AttributeProto"

    public mutating func decode(_ field: ProtobufField, from reader: inout ProtobufReader) throws {
        switch field.number {
        case 1: name = try reader.read(.string, field, "name")
        case 21: refAttrName = try reader.read(.string, field, "ref_attr_name")
        case 20: type = try reader.read(.enumeration(AttributeType.self), field, "type")
        case 2: f = try reader.read(.float, field, "f")
        case 3: i = try reader.read(.int64, field, "i")
        case 4: s = try reader.read(.bytes, field, "s")
        case 5: t = try reader.read(.message(TensorProto.self), field, "t")
        case 6: g = try reader.read(.message(GraphProto.self), field, "g")
        case 7: try reader.append(.float, field, "floats", to: &floats)
        case 8: try reader.append(.int64, field, "ints", to: &ints)
        case 9: try reader.append(.bytes, field, "strings", to: &strings)
        case 10: try reader.append(.message(TensorProto.self), field, "tensors", to: &tensors)
        case 11: try reader.append(.message(GraphProto.self), field, "graphs", to: &graphs)
        default: try reader.skip(field)
        }
    }

    /// `AttributeProto.AttributeType`: which value field an attribute uses. Values onnx.proto
    /// adds later decode too (their raw value is kept).
    public struct AttributeType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The value in onnx.proto.
        public let rawValue: Int32

        /// The attribute type with onnx.proto value `rawValue`.
        public init(rawValue: Int32) { self.rawValue = rawValue }

        /// `UNDEFINED`.
        public static let undefined = AttributeType(rawValue: 0)
        /// `FLOAT`: `f`.
        public static let float = AttributeType(rawValue: 1)
        /// `INT`: `i`.
        public static let int = AttributeType(rawValue: 2)
        /// `STRING`: `s`.
        public static let string = AttributeType(rawValue: 3)
        /// `TENSOR`: `t`.
        public static let tensor = AttributeType(rawValue: 4)
        /// `GRAPH`: `g`.
        public static let graph = AttributeType(rawValue: 5)
        /// `FLOATS`: `floats`.
        public static let floats = AttributeType(rawValue: 6)
        /// `INTS`: `ints`.
        public static let ints = AttributeType(rawValue: 7)
        /// `STRINGS`: `strings`.
        public static let strings = AttributeType(rawValue: 8)
        /// `TENSORS`: `tensors`.
        public static let tensors = AttributeType(rawValue: 9)
        /// `GRAPHS`: `graphs`.
        public static let graphs = AttributeType(rawValue: 10)
        /// `SPARSE_TENSOR` (not decoded).
        public static let sparseTensor = AttributeType(rawValue: 11)
        /// `SPARSE_TENSORS` (not decoded).
        public static let sparseTensors = AttributeType(rawValue: 12)
        /// `TYPE_PROTO` (not decoded).
        public static let typeProto = AttributeType(rawValue: 13)
        /// `TYPE_PROTOS` (not decoded).
        public static let typeProtos = AttributeType(rawValue: 14)

        /// The onnx.proto names, indexed by value.
        private static let names = [
            "UNDEFINED", "FLOAT", "INT", "STRING", "TENSOR", "GRAPH", "FLOATS", "INTS", "STRINGS", "TENSORS",
            "GRAPHS", "SPARSE_TENSOR", "SPARSE_TENSORS", "TYPE_PROTO", "TYPE_PROTOS",
        ]

        /// The onnx.proto name (`INTS`), or `attribute type 99` for a value it does not define.
        public var description: String {
            Self.names.indices.contains(Int(rawValue)) ? Self.names[Int(rawValue)] : "attribute type \(rawValue)"
        }
    }
}
