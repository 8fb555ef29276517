/// `TypeProto`: the type of a graph input, output or intermediate value. cnnc decodes tensor
/// and sparse tensor types fully and records only which kind the other types are.
public struct TypeProto: Sendable, Equatable, ProtobufMessage {
    /// Which of the `value` oneof fields is set (the last one on the wire); nil when none is.
    public var value: Value?
    /// `denotation` (field 6).
    public var denotation = ""

    /// A type with no value set.
    public init() {}

    /// A tensor type.
    public init(tensor: Tensor) { value = .tensor(tensor) }

    /// The kinds of type ONNX defines.
    public enum Value: Sendable, Equatable {
        /// `tensor_type` (field 1).
        case tensor(Tensor)
        /// `sparse_tensor_type` (field 8).
        case sparseTensor(Tensor)
        /// `sequence_type` (field 4), not decoded further.
        case sequence
        /// `map_type` (field 5), not decoded further.
        case map
        /// `opaque_type` (field 7), not decoded further.
        case opaque
        /// `optional_type` (field 9), not decoded further.
        case optional
    }

    /// The tensor type, when `value` is one.
    public var tensorType: Tensor? {
        if case .tensor(let tensor) = value { return tensor }
        return nil
    }

    public static let protobufName = "TypeProto"

    public mutating func decode(_ field: ProtobufField, from reader: inout ProtobufReader) throws {
        switch field.number {
        case 1: value = .tensor(try reader.read(.message(Tensor.self), field, "tensor_type"))
        case 8: value = .sparseTensor(try reader.read(.message(Tensor.self), field, "sparse_tensor_type"))
        case 4: value = try skipping(field, as: .sequence, &reader)
        case 5: value = try skipping(field, as: .map, &reader)
        case 7: value = try skipping(field, as: .opaque, &reader)
        case 9: value = try skipping(field, as: .optional, &reader)
        case 6: denotation = try reader.read(.string, field, "denotation")
        default: try reader.skip(field)
        }
    }

    /// Skips the field holding a type cnnc does not decode and returns its kind.
    private func skipping(_ field: ProtobufField, as kind: Value, _ reader: inout ProtobufReader) throws -> Value {
        try reader.skip(field)
        return kind
    }

    /// `TypeProto.Tensor` (also `TypeProto.SparseTensor`, which has the same fields): element type and shape.
    public struct Tensor: Sendable, Equatable, ProtobufMessage {
        /// `elem_type` (field 1).
        public var elemType: TensorProto.DataType = .undefined
        /// `shape` (field 2): nil when the rank is unknown; an empty shape is a scalar.
        public var shape: TensorShapeProto?

        /// A tensor type with undefined element type and unknown rank.
        public init() {}

        /// A tensor type of `elemType` with `shape`.
        public init(elemType: TensorProto.DataType, shape: TensorShapeProto?) {
            self.elemType = elemType
            self.shape = shape
        }

        public static let protobufName = "TypeProto.Tensor"

        public mutating func decode(_ field: ProtobufField, from reader: inout ProtobufReader) throws {
            switch field.number {
            case 1: elemType = try reader.read(.enumeration(TensorProto.DataType.self), field, "elem_type")
            case 2: shape = try reader.read(.message(TensorShapeProto.self), field, "shape")
            default: try reader.skip(field)
            }
        }
    }
}
