/// A small constant tensor written inline in the IR (`dense<[1.0, 2.0]> : f32[2]`).
///
/// Values are kept as `Double` for floating-point types and as `Int64` for `i64`, so that f32
/// and f64 literals round-trip exactly through the text format.
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
}
