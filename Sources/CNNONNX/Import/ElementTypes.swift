import CNNIR

/// How ONNX element types map to cnnc's: which ones a graph value may have, and which ones a
/// constant may have (narrow integers are widened to i64 there: they only ever feed shape
/// arithmetic and attributes, where the value is what counts).
enum ElementTypes {
    /// The cnnc element type of a graph value (input, output, computed tensor) of ONNX type
    /// `dataType`, or nil when cnnc has none (FLOAT16, INT32, UINT8, STRING, ...).
    static func valueDType(_ dataType: TensorProto.DataType) -> DType? {
        switch dataType {
        case .float: return .f32
        case .double: return .f64
        case .int64: return .i64
        case .bool: return .bool
        default: return nil
        }
    }

    /// The cnnc element type a constant of ONNX type `dataType` is held in: the value type, or
    /// i64 for the narrower integer types; nil for types cnnc cannot hold exactly.
    static func constantDType(_ dataType: TensorProto.DataType) -> DType? {
        if let dtype = valueDType(dataType) { return dtype }
        switch dataType {
        case .int32, .int16, .int8, .uint8, .uint16, .uint32, .uint64: return .i64
        default: return nil
        }
    }

    /// The ONNX element type of a cnnc element type.
    static func dataType(_ dtype: DType) -> TensorProto.DataType {
        switch dtype {
        case .f32: return .float
        case .f64: return .double
        case .i64: return .int64
        case .bool: return .bool
        }
    }
}
