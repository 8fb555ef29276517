import CNNIR
import CNNRuntime

/// Central finite differences of a forward op computed by the reference kernels in f64: the
/// oracle the gradient ops' reference kernels are checked against.
///
/// For an operand x of the forward op and weights w on its result r, the scalar
/// `L(x) = Σ w·r(x)` has the slope `(L(x + h·e_i) − L(x − h·e_i)) / 2h` along element i, with
/// `h = 1e-6·max(1, |x_i|)`; a vector-Jacobian product (the gradient op's result for dy = w)
/// must match it.
struct FiniteDifferences {
    /// The forward op.
    let op: OpKind
    /// Its attributes.
    let attributes: Attributes
    /// The result of the forward op that the weights project (batch_norm_train's y is result 0).
    var result = 0

    /// Σ weights·(the forward result) for `operands`.
    func projection(_ operands: [Tensor], weights: Tensor) throws -> Double {
        let results = try ReferenceKernels.evaluate(op, operands: operands, attributes: attributes, resultCount: result + 1)
        return zip(results[result].doubles, weights.doubles).reduce(0) { $0 + $1.0 * $1.1 }
    }

    /// The slopes of the projection along every element of operand `index` (f64).
    func slopes(_ operands: [Tensor], weights: Tensor, operand index: Int) throws -> [Double] {
        let values = operands[index].doubles
        return try values.indices.map { element in
            let step = 1e-6 * max(1, abs(values[element]))
            var perturbed = operands
            var shifted = values
            shifted[element] = values[element] + step
            perturbed[index] = try Tensor(shape: operands[index].shape, elements: shifted)
            let above = try projection(perturbed, weights: weights)
            shifted[element] = values[element] - step
            perturbed[index] = try Tensor(shape: operands[index].shape, elements: shifted)
            let below = try projection(perturbed, weights: weights)
            return (above - below) / (2 * step)
        }
    }

    /// `max_i |actual_i − expected_i| / max_i |expected_i|`: the error relative to the gradient's
    /// largest element (an element near zero would make a per-element ratio meaningless).
    static func relativeError(_ actual: Tensor, _ expected: [Double]) -> Double {
        let scale = expected.map(abs).max() ?? 0
        let largest = zip(actual.doubles, expected).map { abs($0 - $1) }.max() ?? 0
        return largest / (scale > 0 ? scale : 1)
    }
}

extension SeededGenerator {
    /// An f64 tensor of `shape` drawn from `distribution`.
    mutating func nextDoubles(_ shape: [Int], _ distribution: RandomDistribution = .uniform(-1...1)) throws -> Tensor {
        try Tensor.random(shape: shape, dtype: .f64, distribution: distribution, using: &self)
    }

    /// i64 labels: `samples` class indices below `classes`.
    mutating func nextLabels(samples: Int, classes: Int) throws -> Tensor {
        try Tensor(shape: [samples], elements: (0..<samples).map { _ in Int64(nextInt(in: 0...(classes - 1))) })
    }
}
