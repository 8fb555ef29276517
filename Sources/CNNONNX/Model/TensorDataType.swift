extension TensorProto {
    /// `TensorProto.DataType`: the element type of a tensor. Values onnx.proto adds later decode
    /// too (their raw value is kept), so a model is only rejected where such a tensor is used.
    public struct DataType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The value in onnx.proto.
        public let rawValue: Int32

        /// The data type with onnx.proto value `rawValue`.
        public init(rawValue: Int32) { self.rawValue = rawValue }

        /// `UNDEFINED`, the default when a tensor names no type.
        public static let undefined = DataType(rawValue: 0)
        /// `FLOAT`: 32-bit IEEE floating point.
        public static let float = DataType(rawValue: 1)
        /// `UINT8`.
        public static let uint8 = DataType(rawValue: 2)
        /// `INT8`.
        public static let int8 = DataType(rawValue: 3)
        /// `UINT16`.
        public static let uint16 = DataType(rawValue: 4)
        /// `INT16`.
        public static let int16 = DataType(rawValue: 5)
        /// `INT32`.
        public static let int32 = DataType(rawValue: 6)
        /// `INT64`.
        public static let int64 = DataType(rawValue: 7)
        /// `STRING`.
        public static let string = DataType(rawValue: 8)
        /// `BOOL`.
        public static let bool = DataType(rawValue: 9)
        /// `FLOAT16`: IEEE half precision.
        public static let float16 = DataType(rawValue: 10)
        /// `DOUBLE`.
        public static let double = DataType(rawValue: 11)
        /// `UINT32`.
        public static let uint32 = DataType(rawValue: 12)
        /// `UINT64`.
        public static let uint64 = DataType(rawValue: 13)
        /// `BFLOAT16`: the upper half of a 32-bit float.
        public static let bfloat16 = DataType(rawValue: 16)

        /// The onnx.proto names, indexed by value.
        private static let names = [
            "UNDEFINED", "FLOAT", "UINT8", "INT8", "UINT16", "INT16", "INT32", "INT64", "STRING", "BOOL",
            "FLOAT16", "DOUBLE", "UINT32", "UINT64", "COMPLEX64", "COMPLEX128", "BFLOAT16", "FLOAT8E4M3FN",
            "FLOAT8E4M3FNUZ", "FLOAT8E5M2", "FLOAT8E5M2FNUZ", "UINT4", "INT4", "FLOAT4E2M1", "FLOAT8E8M0",
            "UINT2", "INT2", "FLOAT6E2M3", "FLOAT6E3M2",
        ]

        /// The onnx.proto name (`FLOAT`, `INT64`), or `data type 99` for a value it does not define.
        public var description: String {
            Self.names.indices.contains(Int(rawValue)) ? Self.names[Int(rawValue)] : "data type \(rawValue)"
        }
    }

    /// `TensorProto.DataLocation`: whether the elements are in the model file or in a side file.
    public enum DataLocation: Int32, Sendable, Equatable {
        /// `DEFAULT`: in `raw_data` or a typed field of the tensor.
        case `default` = 0
        /// `EXTERNAL`: in the file `external_data` names.
        case external = 1
    }

    /// `TensorProto.Segment`: marks a tensor that holds only elements `begin..<end` of a larger one.
    public struct Segment: Sendable, Equatable, ProtobufMessage {
        /// `begin` (field 1).
        public var begin: Int64 = 0
        /// `end` (field 2).
        public var end: Int64 = 0

        /// An empty segment.
        public init() {}

        public static let protobufName = "TensorProto.Segment"

        public mutating func decode(_ field: ProtobufField, from reader: inout ProtobufReader) throws {
            switch field.number {
            case 1: begin = try reader.read(.int64, field, "begin")
            case 2: end = try reader.read(.int64, field, "end")
            default: try reader.skip(field)
            }
        }
    }
}
