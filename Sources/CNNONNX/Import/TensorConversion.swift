import CNNIR
import CNNRuntime

extension CNNRuntime.Tensor {
    /// The tensor an ONNX `TensorProto` holds (an initializer, a constant, or a test input such
    /// as `input_0.pb`): FLOAT as f32, DOUBLE as f64, INT64 as i64, BOOL as bool, and, when
    /// `widening` is set, the narrower integer types (INT32, UINT8, ...) as i64. Throws a
    /// `Diagnostic` naming the tensor for any other element type or for malformed elements.
    public init(_ proto: TensorProto, wideningIntegers widening: Bool = false) throws {
        guard let dtype = widening ? ElementTypes.constantDType(proto.dataType) : ElementTypes.valueDType(proto.dataType) else {
            throw Diagnostic("tensor '\(proto.name)' has element type \(proto.dataType), which cnnc does not compute with (it has f32, f64, i64 and bool)")
        }
        var shape: [Int] = []
        for size in proto.dims {
            guard let size = Int(exactly: size), size >= 0 else {
                throw Diagnostic("tensor '\(proto.name)' has the invalid dims \(proto.dims)")
            }
            shape.append(size)
        }
        switch dtype {
        case .f32: try self.init(shape: shape, scalars: try proto.floats())
        case .f64: try self.init(shape: shape, elements: try proto.doubles())
        case .i64: try self.init(shape: shape, elements: try proto.int64s())
        case .bool: try self.init(shape: shape, elements: try proto.int64s().map { $0 != 0 })
        }
    }
}

extension TensorProto {
    /// A `TensorProto` holding `tensor` in `raw_data` (as ONNX tools write test data), named `name`.
    public init(_ tensor: CNNRuntime.Tensor, name: String = "") throws {
        self.init()
        self.name = name
        dims = tensor.shape.map { Int64($0) }
        dataType = ElementTypes.dataType(tensor.dtype)
        rawData = try WeightTensor(tensor).bytes
    }
}
