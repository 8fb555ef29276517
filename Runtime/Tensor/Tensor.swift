import CNNIR

/// A dense tensor: an element type, a static shape, and contiguous row-major elements.
///
/// This is the value that crosses the runtime's API (graph inputs, parameters and outputs).
/// `Float` is the main case (`Tensor(shape: [2, 3], scalars: [...])`, `.scalars`); `Double`,
/// `Int64` and `Bool` tensors are built with `Tensor(shape:elements:)`. A `Tensor` is a value: copies
/// share storage until one is mutated.
public struct Tensor: Equatable, Sendable, CustomStringConvertible {
    /// The size of every axis, outermost first. Empty for a scalar.
    public internal(set) var shape: [Int]
    /// The elements, in row-major order.
    public internal(set) var storage: TensorStorage

    /// Creates a tensor; throws a `Diagnostic` if a dimension is negative or the element count
    /// does not match the shape.
    public init(shape: [Int], storage: TensorStorage) throws {
        let expected = try Tensor.elementCount(of: shape)
        guard storage.count == expected else {
            throw Diagnostic("a tensor of shape \(describe(shape)) holds \(expected) elements, found \(storage.count)")
        }
        self.shape = shape
        self.storage = storage
    }

    /// Creates a tensor of `Float`, `Double`, `Int64` or `Bool` elements; throws a `Diagnostic`
    /// if the element count does not match the shape.
    public init<Element: TensorElement>(shape: [Int], elements: [Element]) throws {
        try self.init(shape: shape, storage: Element.storage(elements))
    }

    /// Creates an f32 tensor; throws a `Diagnostic` if the element count does not match the shape.
    public init(shape: [Int], scalars: [Float]) throws {
        try self.init(shape: shape, storage: .f32(scalars))
    }

    /// Creates a rank-0 tensor holding one element.
    public init<Element: TensorElement>(scalar: Element) {
        shape = []
        storage = Element.storage([scalar])
    }

    /// The element type.
    public var dtype: DType { storage.dtype }
    /// The number of axes.
    public var rank: Int { shape.count }
    /// The number of elements.
    public var count: Int { storage.count }
    /// The tensor's type (`f32[2,3]`).
    public var type: TensorType { TensorType(dtype, shape) }

    /// The same elements with another shape of the same element count.
    public func reshaped(to newShape: [Int]) throws -> Tensor {
        try Tensor(shape: newShape, storage: storage)
    }

    /// The number of elements of `shape` (0 if any axis has size 0); throws a `Diagnostic` for a
    /// negative dimension or an element count that overflows.
    public static func elementCount(of shape: [Int]) throws -> Int {
        guard shape.allSatisfy({ $0 >= 0 }) else { throw Diagnostic("tensor shape \(describe(shape)) has a negative dimension") }
        if shape.contains(0) { return 0 }
        var count = 1
        for size in shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: size)
            guard !overflow else { throw Diagnostic("tensor shape \(describe(shape)) has too many elements") }
            count = product
        }
        return count
    }

    /// The type followed by up to eight elements, for messages and test failures.
    public var description: String {
        let shown: [String]
        switch storage {
        case .f32(let elements): shown = elements.prefix(8).map { String($0) }
        case .f64(let elements): shown = elements.prefix(8).map { String($0) }
        case .i64(let elements): shown = elements.prefix(8).map { String($0) }
        case .bool(let elements): shown = elements.prefix(8).map { String($0) }
        }
        let more = count > 8 ? ", …" : ""
        return "\(type) [\(shown.joined(separator: ", "))\(more)]"
    }
}

/// A shape written as in the IR, for messages: `[1,3,8,8]`.
func describe(_ shape: [Int]) -> String {
    "[" + shape.map(String.init).joined(separator: ",") + "]"
}
