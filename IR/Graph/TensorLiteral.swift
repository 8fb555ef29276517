/// A small constant tensor written inline in the IR (`dense<[1.0, 2.0]> : f32[2]`).
///
/// Values are kept as `Double` for floating-point types and as `Int64` for `i64`, so that f32
/// and f64 literals round-trip exactly through the text format. A `bool` literal holds 0
/// (false) and 1 (true), as integers; the text writes them `false` and `true`.
public struct TensorLiteral: Equatable, Sendable {
    /// The type of the constant; its shape must be static.
    public var type: TensorType
    /// The elements in row-major order.
    public var storage: Storage

    /// The elements of a literal.
    public enum Storage: Equatable, Sendable {
        case floating([Double])
        case integer([Int64])

        /// The number of elements.
        public var count: Int {
            switch self {
            case .floating(let values): return values.count
            case .integer(let values): return values.count
            }
        }
    }

    /// Creates a literal; the element count must match the static shape (checked by the verifier).
    public init(type: TensorType, storage: Storage) {
        self.type = type
        self.storage = storage
    }

    /// A `bool` literal of `shape` holding `values` (stored as 1 and 0).
    public init(shape: Shape, booleans values: [Bool]) {
        self.init(type: TensorType(.bool, shape), storage: .integer(values.map { $0 ? 1 : 0 }))
    }

    /// The elements as doubles (integers converted).
    public var doubles: [Double] {
        switch storage {
        case .floating(let values): return values
        case .integer(let values): return values.map(Double.init)
        }
    }

    /// The elements as integers (floating values truncated toward zero), or `nil` if a value is
    /// not a finite integer.
    public var integers: [Int64]? {
        switch storage {
        case .integer(let values): return values
        case .floating(let values):
            var result: [Int64] = []
            result.reserveCapacity(values.count)
            for value in values {
                guard value.isFinite, value.rounded() == value, abs(value) < 9.2e18 else { return nil }
                result.append(Int64(value))
            }
            return result
        }
    }

    /// The elements as booleans (1 is true, 0 is false), or `nil` if a value is neither.
    public var booleans: [Bool]? {
        var result: [Bool] = []
        result.reserveCapacity(storage.count)
        for value in doubles {
            guard value == 0 || value == 1 else { return nil }
            result.append(value == 1)
        }
        return result
    }
}
