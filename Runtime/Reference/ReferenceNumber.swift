import Foundation
import CNNIR

/// A number type the reference kernels compute in exactly: `Double` for floating tensors (IEEE
/// arithmetic) and `Int64` for i64 tensors (two's-complement wrapping, as NumPy and ONNX Runtime;
/// division truncating toward zero, with x / 0 = 0).
protocol ReferenceNumber: Comparable, Sendable {
    /// The elements of `tensor` in this type: for `Double`, f32, f64 and bool exactly and i64
    /// rounded beyond 2^53; for `Int64`, i64 and bool exactly and floats by `cast`'s rule.
    static func elements(of tensor: Tensor) -> [Self]
    /// `array` as a tensor: an i64 tensor for `Int64`, one of `floatingType` for `Double`.
    static func tensor(_ array: ShapedArray<Self>, floatingType: DType) throws -> Tensor
    /// The number `value` (exact for the small counts it is used with).
    init(_ value: Int)
    /// The least value: the maximum over no elements.
    static var lowest: Self { get }
    /// The greatest value: the minimum over no elements.
    static var highest: Self { get }
    /// Whether the value is NaN (never for integers).
    var isNaN: Bool { get }
    /// a + b.
    static func sum(_ a: Self, _ b: Self) -> Self
    /// a − b.
    static func difference(_ a: Self, _ b: Self) -> Self
    /// a · b.
    static func product(_ a: Self, _ b: Self) -> Self
    /// a / b.
    static func quotient(_ a: Self, _ b: Self) -> Self
    /// a to the power b.
    static func power(_ a: Self, _ b: Self) -> Self
    /// −a.
    static func negation(_ a: Self) -> Self
    /// |a|.
    static func absolute(_ a: Self) -> Self
}

extension Double: ReferenceNumber {
    static func elements(of tensor: Tensor) -> [Double] { tensor.doubles }
    static func tensor(_ array: ShapedArray<Double>, floatingType: DType) throws -> Tensor { try array.tensor(floatingType) }
    static var lowest: Double { -.infinity }
    static var highest: Double { .infinity }
    static func sum(_ a: Double, _ b: Double) -> Double { a + b }
    static func difference(_ a: Double, _ b: Double) -> Double { a - b }
    static func product(_ a: Double, _ b: Double) -> Double { a * b }
    static func quotient(_ a: Double, _ b: Double) -> Double { a / b }
    static func power(_ a: Double, _ b: Double) -> Double { Foundation.pow(a, b) }
    static func negation(_ a: Double) -> Double { -a }
    static func absolute(_ a: Double) -> Double { Swift.abs(a) }
}

extension Int64: ReferenceNumber {
    static func elements(of tensor: Tensor) -> [Int64] {
        switch tensor.storage {
        case .i64(let elements): return elements
        case .bool(let elements): return elements.map { $0 ? 1 : 0 }
        case .f32(let elements): return elements.map { Int64(castFrom: Double($0)) }
        case .f64(let elements): return elements.map { Int64(castFrom: $0) }
        }
    }

    static func tensor(_ array: ShapedArray<Int64>, floatingType: DType) throws -> Tensor {
        try Tensor(shape: array.shape, elements: array.values)
    }

    static var lowest: Int64 { .min }
    static var highest: Int64 { .max }
    var isNaN: Bool { false }
    static func sum(_ a: Int64, _ b: Int64) -> Int64 { a &+ b }
    static func difference(_ a: Int64, _ b: Int64) -> Int64 { a &- b }
    static func product(_ a: Int64, _ b: Int64) -> Int64 { a &* b }
    static func negation(_ a: Int64) -> Int64 { 0 &- a }
    static func absolute(_ a: Int64) -> Int64 { a < 0 ? 0 &- a : a }

    static func quotient(_ a: Int64, _ b: Int64) -> Int64 {
        b == 0 ? 0 : a.dividedReportingOverflow(by: b).partialValue
    }

    /// Exact (wrapping) for b ≥ 0 by repeated squaring; for b < 0, 1/a^|b| truncated: ±1 for
    /// a = ±1, else 0.
    static func power(_ a: Int64, _ b: Int64) -> Int64 {
        guard b >= 0 else { return a == 1 ? 1 : a == -1 ? (b & 1 == 0 ? 1 : -1) : 0 }
        var (result, base, exponent): (Int64, Int64, Int64) = (1, a, b)
        while exponent > 0 {
            if exponent & 1 == 1 { result = result &* base }
            base = base &* base
            exponent >>= 1
        }
        return result
    }

    /// `value` as `cast` converts a float to i64: truncated toward zero, NaN as 0, and values
    /// beyond the i64 range as its nearest end.
    init(castFrom value: Double) {
        if value.isNaN {
            self = 0
        } else if value >= 0x1p63 {
            self = .max
        } else if value < -0x1p63 {
            self = .min
        } else {
            self = Int64(value.rounded(.towardZero))
        }
    }
}

/// The binary arithmetic the element-wise and variadic reference kernels apply.
enum ArithmeticOperation: Sendable {
    case add, subtract, multiply, divide, power, maximum, minimum

    /// The operation on two numbers; maximum and minimum propagate NaN.
    func apply<Number: ReferenceNumber>(_ a: Number, _ b: Number) -> Number {
        switch self {
        case .add: return Number.sum(a, b)
        case .subtract: return Number.difference(a, b)
        case .multiply: return Number.product(a, b)
        case .divide: return Number.quotient(a, b)
        case .power: return Number.power(a, b)
        case .maximum: return a.isNaN || b.isNaN ? (a.isNaN ? a : b) : Swift.max(a, b)
        case .minimum: return a.isNaN || b.isNaN ? (a.isNaN ? a : b) : Swift.min(a, b)
        }
    }
}

/// A reference computation written once for both exact number types.
protocol NumericComputation: Sendable {
    /// The result, computed in `Number` from the invocation's operands.
    func compute<Number: ReferenceNumber>(_ invocation: ReferenceInvocation, as type: Number.Type) throws -> ShapedArray<Number>
}

extension ReferenceKernel {
    /// A kernel running `computation` in `Int64` when the operands are i64 (an exact i64 result)
    /// and in `Double` otherwise (a result of the floating operands' type).
    init(numeric computation: some NumericComputation) {
        self.init(results: { invocation in
            let dtypes = invocation.operands.map(\.dtype)
            guard dtypes.first == .i64 else {
                return [try Double.tensor(computation.compute(invocation, as: Double.self), floatingType: invocation.resultDType())]
            }
            guard dtypes.allSatisfy({ $0 == .i64 }) else {
                throw Diagnostic("operands must share one element type, found \(dtypes.map(\.rawValue).joined(separator: ", "))")
            }
            return [try Int64.tensor(computation.compute(invocation, as: Int64.self), floatingType: .i64)]
        })
    }
}
