import CNNIR

/// The elements of a tensor in row-major order, held in a Swift array of the tensor's element type.
///
/// Why an enum of arrays rather than an untyped byte buffer or a generic `Tensor<Element>`:
/// - the runtime's API passes tensors of different element types through one dictionary
///   (`[String: Tensor]`: f32 images next to i64 labels), so the element type is a value, not a
///   type parameter;
/// - Swift arrays already give value semantics with copy-on-write, `Sendable`, `Equatable`, and
///   construction from (and hand-back of) a user's `[Float]` without copying;
/// - hot loops get a plain `UnsafeMutableBufferPointer<Float>` once per op through
///   `Tensor.withUnsafeMutableBufferPointer(of:_:)`, which moves the array out of the enum while
///   the pointer is in use so that no copy is made and no reference counting happens in the loop.
public enum TensorStorage: Equatable, Sendable {
    /// 32-bit floats, the compute type.
    case f32([Float])
    /// 64-bit floats, for the reference path and gradient checks.
    case f64([Double])
    /// 64-bit signed integers, for labels, indices and shape arithmetic.
    case i64([Int64])
    /// Booleans, for comparison results and `where` conditions. A Swift `Bool` is one byte
    /// holding 0 or 1, the layout of NumPy's `|b1` and safetensors' `BOOL`, so the elements
    /// cross the executor's arena and the files without conversion.
    case bool([Bool])

    /// The element type.
    public var dtype: DType {
        switch self {
        case .f32: return .f32
        case .f64: return .f64
        case .i64: return .i64
        case .bool: return .bool
        }
    }

    /// The number of elements.
    public var count: Int {
        switch self {
        case .f32(let elements): return elements.count
        case .f64(let elements): return elements.count
        case .i64(let elements): return elements.count
        case .bool(let elements): return elements.count
        }
    }

    /// `count` zeros (false for bool) of `dtype`.
    public static func zeros(_ dtype: DType, count: Int) -> TensorStorage {
        switch dtype {
        case .f32: return .f32(Array(repeating: 0, count: count))
        case .f64: return .f64(Array(repeating: 0, count: count))
        case .i64: return .i64(Array(repeating: 0, count: count))
        case .bool: return .bool(Array(repeating: false, count: count))
        }
    }
}

/// A Swift type that can be the element type of a `Tensor`: `Float`, `Double`, `Int64` or `Bool`.
public protocol TensorElement: Sendable, Equatable {
    /// The cnnc element type this Swift type stands for.
    static var dtype: DType { get }
    /// Storage holding `elements`.
    static func storage(_ elements: [Self]) -> TensorStorage
    /// The elements of `storage` if it holds this type, `nil` otherwise.
    static func elements(of storage: TensorStorage) -> [Self]?
}

extension Float: TensorElement {
    public static var dtype: DType { .f32 }
    public static func storage(_ elements: [Float]) -> TensorStorage { .f32(elements) }
    public static func elements(of storage: TensorStorage) -> [Float]? {
        if case .f32(let elements) = storage { return elements }
        return nil
    }
}

extension Double: TensorElement {
    public static var dtype: DType { .f64 }
    public static func storage(_ elements: [Double]) -> TensorStorage { .f64(elements) }
    public static func elements(of storage: TensorStorage) -> [Double]? {
        if case .f64(let elements) = storage { return elements }
        return nil
    }
}

extension Int64: TensorElement {
    public static var dtype: DType { .i64 }
    public static func storage(_ elements: [Int64]) -> TensorStorage { .i64(elements) }
    public static func elements(of storage: TensorStorage) -> [Int64]? {
        if case .i64(let elements) = storage { return elements }
        return nil
    }
}

extension Bool: TensorElement {
    public static var dtype: DType { .bool }
    public static func storage(_ elements: [Bool]) -> TensorStorage { .bool(elements) }
    public static func elements(of storage: TensorStorage) -> [Bool]? {
        if case .bool(let elements) = storage { return elements }
        return nil
    }
}
