import CNNIR

/// How `Tensor.random` draws its elements.
public enum RandomDistribution: Sendable, Equatable {
    /// Uniform over a closed interval. For i64 tensors: uniform over the integers in it.
    case uniform(ClosedRange<Double>)
    /// Normal with the given mean and standard deviation. For i64 tensors: rounded to the nearest integer.
    case normal(mean: Double, standardDeviation: Double)
}

extension Tensor {
    /// A tensor of zeros (false for bool); throws a `Diagnostic` for a negative dimension.
    public static func zeros(shape: [Int], dtype: DType = .f32) throws -> Tensor {
        try Tensor(shape: shape, storage: .zeros(dtype, count: elementCount(of: shape)))
    }

    /// A tensor of random elements drawn from `generator`, so that a seed reproduces it on every
    /// machine; throws a `Diagnostic` for a negative dimension, or an i64 uniform interval that
    /// holds no integer. A bool element is true when its floating sample is positive (so the
    /// default uniform draw over [-1, 1] is a fair coin).
    public static func random(shape: [Int], dtype: DType = .f32, distribution: RandomDistribution = .uniform(-1...1),
                              using generator: inout SeededGenerator) throws -> Tensor {
        let count = try elementCount(of: shape)
        switch dtype {
        case .f32:
            return try Tensor(shape: shape, storage: .f32((0..<count).map { _ in Float(sample(distribution, &generator)) }))
        case .f64:
            return try Tensor(shape: shape, storage: .f64((0..<count).map { _ in sample(distribution, &generator) }))
        case .i64:
            return try Tensor(shape: shape, storage: .i64(randomIntegers(count: count, distribution, &generator)))
        case .bool:
            return try Tensor(shape: shape, storage: .bool((0..<count).map { _ in sample(distribution, &generator) > 0 }))
        }
    }

    /// A tensor of random elements from a generator seeded with `seed` (see `random(shape:dtype:distribution:using:)`).
    public static func random(shape: [Int], dtype: DType = .f32, distribution: RandomDistribution = .uniform(-1...1),
                              seed: UInt64) throws -> Tensor {
        var generator = SeededGenerator(seed: seed)
        return try random(shape: shape, dtype: dtype, distribution: distribution, using: &generator)
    }

    /// One floating sample.
    private static func sample(_ distribution: RandomDistribution, _ generator: inout SeededGenerator) -> Double {
        switch distribution {
        case .uniform(let range):
            return range.lowerBound + (range.upperBound - range.lowerBound) * generator.nextUnitDouble()
        case .normal(let mean, let standardDeviation):
            return mean + standardDeviation * generator.nextGaussian()
        }
    }

    /// `count` integer samples.
    private static func randomIntegers(count: Int, _ distribution: RandomDistribution,
                                       _ generator: inout SeededGenerator) throws -> [Int64] {
        switch distribution {
        case .uniform(let range):
            let low = range.lowerBound.rounded(.up), high = range.upperBound.rounded(.down)
            guard low <= high, let lowest = Int64(exactly: low), let highest = Int64(exactly: high) else {
                throw Diagnostic("no i64 values to draw in \(range)")
            }
            let (difference, overflow) = highest.subtractingReportingOverflow(lowest)
            guard !overflow, difference < Int64.max else { throw Diagnostic("the i64 interval \(range) is too wide") }
            let span = UInt64(difference + 1)
            return (0..<count).map { _ in lowest + Int64(generator.next(upperBound: span)) }
        case .normal:
            var integers: [Int64] = []
            integers.reserveCapacity(count)
            for _ in 0..<count {
                let value = sample(distribution, &generator).rounded()
                guard let integer = Int64(exactly: value) else {
                    throw Diagnostic("random value \(value) does not fit i64")
                }
                integers.append(integer)
            }
            return integers
        }
    }
}
