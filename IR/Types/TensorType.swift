/// The static type of a value: element type and shape, written `f32[1,3,224,224]`.
public struct TensorType: Hashable, Sendable, CustomStringConvertible {
    /// The element type.
    public var dtype: DType
    /// The shape.
    public var shape: Shape

    /// Creates a tensor type.
    public init(_ dtype: DType, _ shape: Shape) {
        self.dtype = dtype
        self.shape = shape
    }

    /// Creates a tensor type with a fully static shape.
    public init(_ dtype: DType, _ sizes: [Int]) {
        self.init(dtype, Shape(sizes))
    }

    /// The number of dimensions.
    public var rank: Int { shape.rank }

    /// The number of bytes a dense tensor of this type occupies, or `nil` if a dimension is named
    /// or the size overflows.
    public var byteCount: Int? {
        guard let count = shape.elementCount else { return nil }
        let (bytes, overflow) = count.multipliedReportingOverflow(by: dtype.byteSize)
        return overflow ? nil : bytes
    }

    public var description: String { "\(dtype)\(shape)" }
}
