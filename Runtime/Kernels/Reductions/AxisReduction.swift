/// How a reduction over axes takes in its elements: each element becomes a term (itself, or its
/// square for reduce_l2), and terms combine from an initial value, lane by lane or one by one.
protocol AxisReduction {
    /// The value of a reduction over no elements.
    static var initial: Float { get }
    /// The term of one element.
    static func term(_ x: Float) -> Float
    /// The terms of 16 elements.
    static func term(_ x: FloatVector) -> FloatVector
    /// A running value with one more term.
    static func combine(_ running: Float, _ term: Float) -> Float
    /// 16 running values with one more term each.
    static func combine(_ running: FloatVector, _ terms: FloatVector) -> FloatVector
}

/// reduce_sum and reduce_mean (whose sum is scaled afterwards): the sum.
enum AxisSum: AxisReduction {
    static var initial: Float { 0 }
    @inline(__always) static func term(_ x: Float) -> Float { x }
    @inline(__always) static func term(_ x: FloatVector) -> FloatVector { x }
    @inline(__always) static func combine(_ running: Float, _ term: Float) -> Float { running + term }
    @inline(__always) static func combine(_ running: FloatVector, _ terms: FloatVector) -> FloatVector { running + terms }
}

/// reduce_l2 (whose sum is square-rooted afterwards): the sum of squares.
enum AxisSumOfSquares: AxisReduction {
    static var initial: Float { 0 }
    @inline(__always) static func term(_ x: Float) -> Float { x * x }
    @inline(__always) static func term(_ x: FloatVector) -> FloatVector { x * x }
    @inline(__always) static func combine(_ running: Float, _ term: Float) -> Float { running + term }
    @inline(__always) static func combine(_ running: FloatVector, _ terms: FloatVector) -> FloatVector { running + terms }
}

/// reduce_max: the largest element, NaN if any is NaN, −inf over none.
enum AxisMaximum: AxisReduction {
    static var initial: Float { -.infinity }
    @inline(__always) static func term(_ x: Float) -> Float { x }
    @inline(__always) static func term(_ x: FloatVector) -> FloatVector { x }
    @inline(__always) static func combine(_ running: Float, _ term: Float) -> Float { term > running || term != term ? term : running }
    @inline(__always) static func combine(_ running: FloatVector, _ terms: FloatVector) -> FloatVector { Maximum.combine(running, terms) }
}

/// reduce_min: the smallest element, NaN if any is NaN, inf over none.
enum AxisMinimum: AxisReduction {
    static var initial: Float { .infinity }
    @inline(__always) static func term(_ x: Float) -> Float { x }
    @inline(__always) static func term(_ x: FloatVector) -> FloatVector { x }
    @inline(__always) static func combine(_ running: Float, _ term: Float) -> Float { term < running || term != term ? term : running }
    @inline(__always) static func combine(_ running: FloatVector, _ terms: FloatVector) -> FloatVector { Minimum.combine(running, terms) }
}
