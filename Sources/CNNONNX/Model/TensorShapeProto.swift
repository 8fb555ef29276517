/// `TensorShapeProto`: the dimensions of a tensor type, each a size, a symbolic name, or unknown.
public struct TensorShapeProto: Sendable, Equatable, ProtobufMessage {
    /// `dim` (field 1), outermost first.
    public var dim: [Dimension] = []

    /// A shape of rank 0 (a scalar).
    public init() {}

    /// A shape with dimensions `dim`.
    public init(dim: [Dimension]) { self.dim = dim }

    public static let protobufName = "TensorShapeProto"

    public mutating func decode(_ field: ProtobufField, from reader: inout ProtobufReader) throws {
        switch field.number {
        case 1: try reader.append(.message(Dimension.self), field, "dim", to: &dim)
        default: try reader.skip(field)
        }
    }

    /// `TensorShapeProto.Dimension`: one dimension.
    public struct Dimension: Sendable, Equatable, ProtobufMessage {
        /// `dim_value` (field 1) or `dim_param` (field 2), whichever came last; nil when the
        /// dimension is unknown (neither is set).
        public var value: Value?
        /// `denotation` (field 3), such as `DATA_BATCH`.
        public var denotation = ""

        /// An unknown dimension.
        public init() {}

        /// A dimension with `value`.
        public init(_ value: Value?) { self.value = value }

        /// The two forms of a known dimension.
        public enum Value: Sendable, Equatable {
            /// `dim_value`: a size (a file may hold any int64 here; the importer checks it).
            case size(Int64)
            /// `dim_param`: a symbolic name such as `N` or `batch_size`.
            case symbol(String)
        }

        public static let protobufName = "TensorShapeProto.Dimension"

        public mutating func decode(_ field: ProtobufField, from reader: inout ProtobufReader) throws {
            switch field.number {
            case 1: value = .size(try reader.read(.int64, field, "dim_value"))
            case 2: value = .symbol(try reader.read(.string, field, "dim_param"))
            case 3: denotation = try reader.read(.string, field, "denotation")
            default: try reader.skip(field)
            }
        }
    }
}
