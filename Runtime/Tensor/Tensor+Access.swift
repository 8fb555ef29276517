import CNNIR

extension Tensor {
    /// The elements as `Float`: f32 elements as they are (no copy), f64 rounded to the nearest
    /// `Float`, i64 converted (exact up to 2^24 in magnitude), bool as 1 and 0.
    public var scalars: [Float] {
        switch storage {
        case .f32(let elements): return elements
        case .f64(let elements): return elements.map { Float($0) }
        case .i64(let elements): return elements.map { Float($0) }
        case .bool(let elements): return elements.map { $0 ? 1 : 0 }
        }
    }

    /// The elements as `Double`: exact for f32, f64 and bool (1 and 0), and for i64 up to 2^53
    /// in magnitude.
    public var doubles: [Double] {
        switch storage {
        case .f32(let elements): return elements.map { Double($0) }
        case .f64(let elements): return elements
        case .i64(let elements): return elements.map { Double($0) }
        case .bool(let elements): return elements.map { $0 ? 1 : 0 }
        }
    }

    /// The elements as truth values: bool elements as they are, numbers true when nonzero (NaN
    /// included, as in NumPy).
    public var booleans: [Bool] {
        switch storage {
        case .f32(let elements): return elements.map { $0 != 0 }
        case .f64(let elements): return elements.map { $0 != 0 }
        case .i64(let elements): return elements.map { $0 != 0 }
        case .bool(let elements): return elements
        }
    }

    /// The elements, if the tensor's element type is `Element`; throws a `Diagnostic` otherwise.
    public func elements<Element: TensorElement>(as type: Element.Type) throws -> [Element] {
        guard let elements = Element.elements(of: storage) else {
            throw Diagnostic("expected a tensor of \(Element.dtype), found \(self.type)")
        }
        return elements
    }

    /// The element at a multi-index (one index per axis), as a `Double`; throws a `Diagnostic`
    /// if the index has the wrong rank or is out of bounds.
    public func value(at index: [Int]) throws -> Double {
        let offset = try flatOffset(of: index)
        switch storage {
        case .f32(let elements): return Double(elements[offset])
        case .f64(let elements): return elements[offset]
        case .i64(let elements): return Double(elements[offset])
        case .bool(let elements): return elements[offset] ? 1 : 0
        }
    }

    /// Replaces the element at a multi-index; an i64 tensor takes `value` only if it is an
    /// integer that fits, a bool tensor only 0 or 1. Throws a `Diagnostic` for a bad index or value.
    public mutating func setValue(_ value: Double, at index: [Int]) throws {
        let offset = try flatOffset(of: index)
        switch dtype {
        case .f32: try withUnsafeMutableBufferPointer(of: Float.self) { $0[offset] = Float(value) }
        case .f64: try withUnsafeMutableBufferPointer(of: Double.self) { $0[offset] = value }
        case .i64:
            guard let integer = Int64(exactly: value) else {
                throw Diagnostic("\(value) is not an integer that fits an i64 tensor")
            }
            try withUnsafeMutableBufferPointer(of: Int64.self) { $0[offset] = integer }
        case .bool:
            guard value == 0 || value == 1 else { throw Diagnostic("\(value) is neither 0 nor 1, so it does not fit a bool tensor") }
            try withUnsafeMutableBufferPointer(of: Bool.self) { $0[offset] = value == 1 }
        }
    }

    /// The row-major offset of a multi-index.
    func flatOffset(of index: [Int]) throws -> Int {
        guard index.count == rank else {
            throw Diagnostic("index \(describe(index)) has \(index.count) components, the tensor \(type) has rank \(rank)")
        }
        var offset = 0
        for (component, size) in zip(index, shape) {
            guard component >= 0 && component < size else {
                throw Diagnostic("index \(describe(index)) is out of bounds for \(type)")
            }
            offset = offset * size + component
        }
        return offset
    }

    /// This tensor with elements converted to `dtype` without loss of meaning: floating values
    /// become i64 only if every one is an integer that fits, and numbers become bool only if
    /// every one is 0 or 1; otherwise a `Diagnostic` is thrown. (The `cast` op converts with
    /// truncation instead.)
    public func converted(to dtype: DType) throws -> Tensor {
        if dtype == self.dtype { return self }
        switch dtype {
        case .f32: return try Tensor(shape: shape, storage: .f32(scalars))
        case .f64: return try Tensor(shape: shape, storage: .f64(doubles))
        case .bool:
            let values = doubles
            guard let invalid = values.first(where: { $0 != 0 && $0 != 1 }) else {
                return try Tensor(shape: shape, storage: .bool(values.map { $0 == 1 }))
            }
            throw Diagnostic("cannot convert \(type) to bool: element \(invalid) is neither 0 nor 1")
        case .i64:
            var integers: [Int64] = []
            integers.reserveCapacity(count)
            for value in doubles {
                guard let integer = Int64(exactly: value) else {
                    throw Diagnostic("cannot convert \(type) to i64: element \(value) is not an integer that fits")
                }
                integers.append(integer)
            }
            return try Tensor(shape: shape, storage: .i64(integers))
        }
    }

    /// Calls `body` with a pointer to the elements, which must be of type `Element` (throws a
    /// `Diagnostic` otherwise). The pointer is valid only inside `body`; no copy is made.
    public func withUnsafeBufferPointer<Element: TensorElement, Result>(
        of type: Element.Type, _ body: (UnsafeBufferPointer<Element>) throws -> Result
    ) throws -> Result {
        try elements(as: type).withUnsafeBufferPointer(body)
    }

    /// Calls `body` with a mutable pointer to the elements, which must be of type `Element`
    /// (throws a `Diagnostic` otherwise). The pointer is valid only inside `body`.
    ///
    /// The elements are moved out of the tensor while `body` runs, so a uniquely held tensor is
    /// written in place without a copy and without reference counting inside `body`.
    public mutating func withUnsafeMutableBufferPointer<Element: TensorElement, Result>(
        of type: Element.Type, _ body: (inout UnsafeMutableBufferPointer<Element>) throws -> Result
    ) throws -> Result {
        var elements = try elements(as: type)
        storage = .f32([])
        defer { storage = Element.storage(elements) }
        return try elements.withUnsafeMutableBufferPointer { buffer in try body(&buffer) }
    }

    /// Whether both tensors have the same type and every pair of elements satisfies
    /// `|a - b| <= absoluteTolerance + relativeTolerance * |b|` (NumPy's `allclose`; NaN is
    /// never close).
    public func isClose(to other: Tensor, absoluteTolerance: Double = 1e-5, relativeTolerance: Double = 1e-5) -> Bool {
        guard dtype == other.dtype, shape == other.shape else { return false }
        for (a, b) in zip(doubles, other.doubles) {
            guard abs(a - b) <= absoluteTolerance + relativeTolerance * abs(b) else { return false }
        }
        return true
    }

    /// The largest absolute difference between corresponding elements, or `nil` if the shapes
    /// differ. NaN in either tensor gives NaN.
    public func maximumAbsoluteDifference(from other: Tensor) -> Double? {
        guard shape == other.shape else { return nil }
        var largest = 0.0
        for (a, b) in zip(doubles, other.doubles) {
            let difference = abs(a - b)
            if difference.isNaN { return .nan }
            largest = max(largest, difference)
        }
        return largest
    }
}
