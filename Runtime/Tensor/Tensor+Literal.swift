import CNNIR

extension Tensor {
    /// The tensor a constant's literal stands for; throws a `Diagnostic` if the literal's shape
    /// is not static, its element count does not match, or an i64 literal holds a non-integer.
    public init(_ literal: TensorLiteral) throws {
        guard let shape = literal.type.shape.fixedSizes else {
            throw Diagnostic("a constant must have a static shape, found \(literal.type)")
        }
        switch literal.type.dtype {
        case .f32: try self.init(shape: shape, scalars: literal.doubles.map { Float($0) })
        case .f64: try self.init(shape: shape, elements: literal.doubles)
        case .i64:
            guard let integers = literal.integers else {
                throw Diagnostic("an i64 constant must hold integers")
            }
            try self.init(shape: shape, elements: integers)
        }
    }
}
