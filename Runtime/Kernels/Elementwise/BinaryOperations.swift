import Foundation

/// The binary element-wise ops, for `BinaryBroadcastKernel` to pick the lane function once per run.
enum BinaryOperator: Sendable {
    case add, subtract, multiply, divide, power, maximum, minimum
    /// prelu: the second operand is the slope.
    case parametricRectify
}

/// How two operands combine, lane by lane: one binary element-wise op.
protocol BinaryVectorOperation: Sendable {
    /// The op on 16 pairs of lanes.
    static func combine(_ a: FloatVector, _ b: FloatVector) -> FloatVector
}

/// add: a + b.
enum Addition: BinaryVectorOperation {
    @inline(__always) static func combine(_ a: FloatVector, _ b: FloatVector) -> FloatVector { a + b }
}

/// sub: a − b.
enum Subtraction: BinaryVectorOperation {
    @inline(__always) static func combine(_ a: FloatVector, _ b: FloatVector) -> FloatVector { a - b }
}

/// mul: a · b.
enum Multiplication: BinaryVectorOperation {
    @inline(__always) static func combine(_ a: FloatVector, _ b: FloatVector) -> FloatVector { a * b }
}

/// div: a / b (IEEE: ±inf or NaN for a zero divisor).
enum Division: BinaryVectorOperation {
    @inline(__always) static func combine(_ a: FloatVector, _ b: FloatVector) -> FloatVector { a / b }
}

/// prelu: x for x ≥ 0, slope·x below (x is the first operand, the slope the second).
enum ParametricRectification: BinaryVectorOperation {
    @inline(__always) static func combine(_ x: FloatVector, _ slope: FloatVector) -> FloatVector {
        x.replacing(with: x * slope, where: x .< 0)
    }
}

/// pow: a^b lane by lane with the C library's `powf` (exact special cases: a negative base with
/// an integer exponent, 0^0 = 1, NaN for a negative base with a fractional exponent).
enum Power: BinaryVectorOperation {
    @inline(__always) static func combine(_ a: FloatVector, _ b: FloatVector) -> FloatVector {
        var result = a
        for lane in 0..<16 { result[lane] = Foundation.pow(a[lane], b[lane]) }
        return result
    }
}

/// max: the larger of a and b; a NaN in either gives NaN.
enum Maximum: BinaryVectorOperation {
    @inline(__always) static func combine(_ a: FloatVector, _ b: FloatVector) -> FloatVector {
        a.replacing(with: b, where: (b .> a) .| (b .!= b))
    }
}

/// min: the smaller of a and b; a NaN in either gives NaN.
enum Minimum: BinaryVectorOperation {
    @inline(__always) static func combine(_ a: FloatVector, _ b: FloatVector) -> FloatVector {
        a.replacing(with: b, where: (b .< a) .| (b .!= b))
    }
}
