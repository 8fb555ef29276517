import CNNIR

extension Tensor {
    /// The tensor a constant's literal stands for; throws a `Diagnostic` if the literal's shape
    /// is not static, its element count does not match, an i64 literal holds a non-integer, or a
    /// bool literal holds a number other than 0 and 1.
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
        case .bool:
            guard let booleans = literal.booleans else { throw Diagnostic("a bool constant must hold true and false (1 and 0)") }
            try self.init(shape: shape, elements: booleans)
        }
    }
}
