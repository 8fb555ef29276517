/// A value of a graph under construction: its name (without `%`) and its inferred type.
///
/// `GraphBuilder` hands these out for inputs, parameters and node results; pass them back as
/// operands of later ops.
public struct GraphValue: Hashable, Sendable, CustomStringConvertible {
    /// The value's name, without `%`.
    public let name: String
    /// The value's type, as declared or inferred.
    public let type: TensorType

    /// Creates a value handle; `GraphBuilder` is the usual source of these.
    public init(name: String, type: TensorType) {
        self.name = name
        self.type = type
    }

    /// The value's shape.
    public var shape: Shape { type.shape }

    /// The value's element type.
    public var dtype: DType { type.dtype }

    public var description: String { "%\(name): \(type)" }
}
