#if _endian(big)
#error("cnnc stores tensor elements little-endian and supports little-endian hosts only")
#endif

/// A Swift scalar type a `WeightTensor` can hold: `Float` (f32), `Double` (f64), `Int64` (i64)
/// or `Bool` (bool, one byte holding 0 or 1).
public protocol WeightElement: BitwiseCopyable, Sendable, Equatable {
    /// The IR element type this Swift type stores.
    static var dtype: DType { get }
}

extension Float: WeightElement {
    /// `f32`.
    public static var dtype: DType { .f32 }
}

extension Double: WeightElement {
    /// `f64`.
    public static var dtype: DType { .f64 }
}

extension Int64: WeightElement {
    /// `i64`.
    public static var dtype: DType { .i64 }
}

extension Bool: WeightElement {
    /// `bool`.
    public static var dtype: DType { .bool }
}

/// One dense tensor of weights: an element type, a static shape, and the elements in row-major
/// order as little-endian bytes (the layout safetensors files use, so reading and writing copy
/// memory without converting element by element).
///
/// The byte count always equals `elementCount × dtype.byteSize`: every initializer checks it.
/// Equality compares bytes, so two tensors are equal when they are bit-identical (NaNs included).
public struct WeightTensor: Sendable, Equatable, CustomStringConvertible {
    /// The element type.
    public let dtype: DType
    /// The sizes of the axes, outermost first; empty for a scalar.
    public let shape: [Int]
    /// The elements in row-major order, little-endian.
    public let bytes: [UInt8]

    /// Creates a tensor from its raw little-endian bytes; throws a `Diagnostic` when a dimension
    /// is negative, the element count overflows, or the byte count does not match the shape. For
    /// `bool`, every byte other than 0 is stored as 1 (true).
    public init(dtype: DType, shape: [Int], bytes: [UInt8]) throws {
        let expected = try WeightTensor.byteCount(dtype: dtype, shape: shape)
        guard bytes.count == expected else {
            throw Diagnostic("a tensor of type \(dtype)\(WeightTensor.describe(shape)) holds \(expected) bytes, found \(bytes.count)")
        }
        self.dtype = dtype
        self.shape = shape
        self.bytes = dtype == .bool && bytes.contains(where: { $0 > 1 }) ? bytes.map { $0 == 0 ? 0 : 1 } : bytes
    }

    /// Creates a tensor of `Float`, `Double`, `Int64` or `Bool` elements (one memory copy); throws
    /// a `Diagnostic` when the element count does not match the shape.
    public init<Element: WeightElement>(shape: [Int], elements: [Element]) throws {
        let bytes = elements.withUnsafeBytes { source in
            [UInt8](unsafeUninitializedCapacity: source.count) { buffer, initialized in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: source)
                initialized = source.count
            }
        }
        try self.init(dtype: Element.dtype, shape: shape, bytes: bytes)
    }

    /// Creates a tensor of any element type from `Double` values: rounded to nearest for `f32`,
    /// exact for `f64`; for `i64` every value must be an integer that fits, and for `bool` 0 or 1,
    /// or a `Diagnostic` is thrown.
    public init(dtype: DType, shape: [Int], converting values: [Double]) throws {
        switch dtype {
        case .f32:
            try self.init(shape: shape, elements: values.map { Float($0) })
        case .f64:
            try self.init(shape: shape, elements: values)
        case .i64:
            var integers: [Int64] = []
            integers.reserveCapacity(values.count)
            for value in values {
                guard let integer = Int64(exactly: value) else {
                    throw Diagnostic("value \(value) cannot be stored exactly in an i64 tensor")
                }
                integers.append(integer)
            }
            try self.init(shape: shape, elements: integers)
        case .bool:
            guard let invalid = values.first(where: { $0 != 0 && $0 != 1 }) else {
                try self.init(shape: shape, elements: values.map { $0 == 1 })
                return
            }
            throw Diagnostic("value \(invalid) cannot be stored in a bool tensor (0 or 1)")
        }
    }

    /// A tensor whose every element is zero (all bytes zero, which is 0 for every dtype).
    public static func zeros(dtype: DType, shape: [Int]) throws -> WeightTensor {
        let count = try byteCount(dtype: dtype, shape: shape)
        return try WeightTensor(dtype: dtype, shape: shape, bytes: [UInt8](repeating: 0, count: count))
    }

    /// The IR type of this tensor, e.g. `f32[6,1,5,5]`.
    public var type: TensorType { TensorType(dtype, shape) }

    /// The number of elements (1 for a scalar, 0 when an axis has size 0).
    public var elementCount: Int { bytes.count / dtype.byteSize }

    /// The elements, when `Element` is this tensor's element type; `nil` otherwise.
    public func elements<Element: WeightElement>(as type: Element.Type) -> [Element]? {
        guard Element.dtype == dtype else { return nil }
        return reinterpreted(as: type)
    }

    /// The elements converted to `Float` (exact for f32 and bool, true being 1; rounded to
    /// nearest for f64 and i64).
    public func floats() -> [Float] {
        switch dtype {
        case .f32: return reinterpreted(as: Float.self)
        case .f64: return converted(from: Double.self) { Float($0) }
        case .i64: return converted(from: Int64.self) { Float($0) }
        case .bool: return bytes.map { Float($0) }
        }
    }

    /// The elements converted to `Double` (exact for f32, f64 and bool, true being 1; rounded to
    /// nearest for large i64).
    public func doubles() -> [Double] {
        switch dtype {
        case .f32: return converted(from: Float.self) { Double($0) }
        case .f64: return reinterpreted(as: Double.self)
        case .i64: return converted(from: Int64.self) { Double($0) }
        case .bool: return bytes.map { Double($0) }
        }
    }

    /// The elements of an `i64` tensor; `nil` for tensors of other element types.
    public func int64s() -> [Int64]? { elements(as: Int64.self) }

    /// The elements of a `bool` tensor; `nil` for tensors of other element types.
    public func bools() -> [Bool]? { dtype == .bool ? bytes.map { $0 != 0 } : nil }

    /// The type, e.g. `f32[6,1,5,5]`.
    public var description: String { "\(dtype)\(WeightTensor.describe(shape))" }

    /// The bytes copied into an array of `Element` (the caller has checked the dtype).
    private func reinterpreted<Element: WeightElement>(as type: Element.Type) -> [Element] {
        let count = bytes.count / MemoryLayout<Element>.stride
        return [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            bytes.withUnsafeBytes { source in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: source)
            }
            initialized = count
        }
    }

    /// The elements read as `Source` (the caller has checked the dtype) and converted one by one.
    private func converted<Source: WeightElement, Target>(from source: Source.Type, _ convert: (Source) -> Target) -> [Target] {
        let count = elementCount
        return bytes.withUnsafeBytes { raw in
            [Target](unsafeUninitializedCapacity: count) { buffer, initialized in
                for index in 0..<count {
                    let value = raw.loadUnaligned(fromByteOffset: index * MemoryLayout<Source>.stride, as: Source.self)
                    buffer.initializeElement(at: index, to: convert(value))
                }
                initialized = count
            }
        }
    }

    /// The number of bytes a dense tensor of `dtype` and `shape` occupies; throws a `Diagnostic`
    /// when a dimension is negative or the size overflows `Int`.
    public static func byteCount(dtype: DType, shape: [Int]) throws -> Int {
        if let negative = shape.first(where: { $0 < 0 }) {
            throw Diagnostic("shape \(describe(shape)) has a negative dimension \(negative)")
        }
        guard let count = byteCount(elementSize: dtype.byteSize, shape: shape) else {
            throw Diagnostic("a tensor of type \(dtype)\(describe(shape)) has more bytes than this machine can address")
        }
        return count
    }

    /// `elementSize × Π shape` for a shape without negative sizes, or `nil` if it overflows `Int`
    /// (a shape with a zero-size axis has 0 bytes whatever its other sizes).
    static func byteCount(elementSize: Int, shape: [Int]) -> Int? {
        if shape.contains(0) { return 0 }
        var count = elementSize
        for size in shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: size)
            if overflow { return nil }
            count = product
        }
        return count
    }

    /// A shape written the way the IR writes it: `[6,1,5,5]`.
    static func describe(_ shape: [Int]) -> String {
        "[" + shape.map(String.init).joined(separator: ",") + "]"
    }
}
