/// `TensorProto`: a tensor's element type, shape and elements (an initializer, a constant, an
/// attribute value, or a test input). The elements are in `rawData` (little-endian, row-major),
/// in the typed field for the element type, or in a side file (`dataLocation == .external`).
/// Read them with `floats()`, `doubles()` or `int64s()`.
public struct TensorProto: Sendable, Equatable, ProtobufMessage {
    /// `dims` (field 1): the shape; empty for a scalar.
    public var dims: [Int64] = []
    /// `data_type` (field 2).
    public var dataType: DataType = .undefined
    /// `segment` (field 3): present when the tensor holds only a part of a larger one.
    public var segment: Segment?
    /// `float_data` (field 4): FLOAT and COMPLEX64 elements.
    public var floatData: [Float] = []
    /// `int32_data` (field 5): INT32, INT16, INT8, UINT16, UINT8, BOOL, and the bit patterns of FLOAT16 and BFLOAT16.
    public var int32Data: [Int32] = []
    /// `string_data` (field 6): STRING elements.
    public var stringData: [[UInt8]] = []
    /// `int64_data` (field 7): INT64 elements.
    public var int64Data: [Int64] = []
    /// `name` (field 8).
    public var name = ""
    /// `raw_data` (field 9): the elements as little-endian bytes, row-major.
    public var rawData: [UInt8] = []
    /// `double_data` (field 10): DOUBLE and COMPLEX128 elements.
    public var doubleData: [Double] = []
    /// `uint64_data` (field 11): UINT32 and UINT64 elements.
    public var uint64Data: [UInt64] = []
    /// `external_data` (field 13): `location`, `offset`, `length` (and `checksum`) of data in a side file.
    public var externalData: [StringStringEntryProto] = []
    /// `data_location` (field 14).
    public var dataLocation: DataLocation = .default
    /// Where the tensor was decoded from (nil for tensors made in code); used in diagnostics
    /// about its elements. It takes no part in equality.
    public var origin: ProtobufOrigin? {
        get { storedOrigin.value }
        set { storedOrigin.value = newValue }
    }
    /// The storage of `origin`.
    private var storedOrigin = IgnoredInEquality<ProtobufOrigin?>(value: nil)

    /// An empty tensor.
    public init() {}

    public static let protobufName = "TensorProto"

    public mutating func decoded(at origin: ProtobufOrigin) { self.origin = origin }

    public mutating func decode(_ field: ProtobufField, from reader: inout ProtobufReader) throws {
        switch field.number {
        case 1: try reader.append(.int64, field, "dims", to: &dims)
        case 2: dataType = try reader.read(.enumeration(DataType.self), field, "data_type")
        case 3: segment = try reader.read(.message(Segment.self), field, "segment")
        case 4: try reader.append(.float, field, "float_data", to: &floatData)
        case 5: try reader.append(.int32, field, "int32_data", to: &int32Data)
        case 6: try reader.append(.bytes, field, "string_data", to: &stringData)
        case 7: try reader.append(.int64, field, "int64_data", to: &int64Data)
        case 8: name = try reader.read(.string, field, "name")
        case 9: rawData = try reader.read(.bytes, field, "raw_data")
        case 10: try reader.append(.double, field, "double_data", to: &doubleData)
        case 11: try reader.append(.uint64, field, "uint64_data", to: &uint64Data)
        case 13: try reader.append(.message(StringStringEntryProto.self), field, "external_data", to: &externalData)
        case 14: dataLocation = try reader.read(.enumeration(DataLocation.self), field, "data_location")
        default: try reader.skip(field)
        }
    }
}
