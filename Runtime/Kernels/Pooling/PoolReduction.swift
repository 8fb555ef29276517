/// Which reduction a pool kernel applies, for the kernel to pick the specialized loop once per run.
enum PoolReductionKind: Sendable {
    /// max_pool, global_max_pool.
    case maximum
    /// avg_pool (count_include_pad when `countsPadding`), global_avg_pool.
    case average(countsPadding: Bool)
}

/// How a pool combines the values of one window: max_pool's maximum or avg_pool's mean.
protocol PoolReduction: Sendable {
    /// The value of a window before its first element.
    var initial: Float { get }
    /// Adds one value to a window's running value.
    func combine(_ running: Float, _ value: Float) -> Float
    /// Adds 16 values to 16 windows' running values.
    func combine(_ running: FloatVector, _ values: FloatVector) -> FloatVector
    /// A window's result from its running value, the number of its taps inside the input and
    /// the number inside the padded input.
    func finish(_ running: Float, valid: Int, padded: Int) -> Float
    /// 16 windows' results, all with the same numbers of taps inside the input and inside the padded input.
    func finish(_ running: FloatVector, valid: Int, padded: Int) -> FloatVector
}

/// max_pool: the largest value (−inf for a window that sees no input).
struct MaximumReduction: PoolReduction {
    var initial: Float { -.infinity }
    @inline(__always) func combine(_ running: Float, _ value: Float) -> Float { value > running ? value : running }
    @inline(__always) func combine(_ running: FloatVector, _ values: FloatVector) -> FloatVector {
        running.replacing(with: values, where: values .> running)
    }
    @inline(__always) func finish(_ running: Float, valid: Int, padded: Int) -> Float { running }
    @inline(__always) func finish(_ running: FloatVector, valid: Int, padded: Int) -> FloatVector { running }
}

/// avg_pool: the sum divided by the taps inside the input, or with `countsPadding` by the taps
/// inside the padded input (count_include_pad).
struct AverageReduction: PoolReduction {
    /// count_include_pad.
    let countsPadding: Bool
    var initial: Float { 0 }
    @inline(__always) func combine(_ running: Float, _ value: Float) -> Float { running + value }
    @inline(__always) func combine(_ running: FloatVector, _ values: FloatVector) -> FloatVector { running + values }
    @inline(__always) func finish(_ running: Float, valid: Int, padded: Int) -> Float {
        running / Float(countsPadding ? padded : valid)
    }
    @inline(__always) func finish(_ running: FloatVector, valid: Int, padded: Int) -> FloatVector {
        running / Float(countsPadding ? padded : valid)
    }
}
