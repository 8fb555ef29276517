import CNNIR

extension Tensor {
    /// The tensor holding the same elements as a weight tensor (one copy of the elements).
    public init(_ weight: WeightTensor) throws {
        switch weight.dtype {
        case .f32: try self.init(shape: weight.shape, scalars: weight.floats())
        case .f64: try self.init(shape: weight.shape, elements: weight.doubles())
        case .i64:
            guard let integers = weight.int64s() else { throw Diagnostic("weight tensor \(weight) holds no i64 elements") }
            try self.init(shape: weight.shape, elements: integers)
        case .bool:
            guard let booleans = weight.bools() else { throw Diagnostic("weight tensor \(weight) holds no bool elements") }
            try self.init(shape: weight.shape, elements: booleans)
        }
    }
}

extension WeightTensor {
    /// The weight tensor holding the same elements as a tensor (one copy of the elements).
    public init(_ tensor: Tensor) throws {
        switch tensor.storage {
        case .f32(let elements): try self.init(shape: tensor.shape, elements: elements)
        case .f64(let elements): try self.init(shape: tensor.shape, elements: elements)
        case .i64(let elements): try self.init(shape: tensor.shape, elements: elements)
        case .bool(let elements): try self.init(shape: tensor.shape, elements: elements)
        }
    }
}
