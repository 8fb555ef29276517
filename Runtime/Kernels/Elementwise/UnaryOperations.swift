/// relu: max(x, 0), NaN kept.
struct Rectifier: VectorTransform {
    @inline(__always) func callAsFunction(_ x: FloatVector) -> FloatVector { x.replacing(with: 0, where: x .< 0) }
}

/// leaky_relu: x for x ≥ 0, alpha·x below.
struct LeakyRectifier: VectorTransform {
    let alpha: Float
    @inline(__always) func callAsFunction(_ x: FloatVector) -> FloatVector { x.replacing(with: x * alpha, where: x .< 0) }
}

/// clip: x limited to [lower, upper] (upper wins if lower > upper), NaN kept.
struct Clip: VectorTransform {
    let lower: Float
    let upper: Float
    @inline(__always) func callAsFunction(_ x: FloatVector) -> FloatVector {
        let raised = x.replacing(with: lower, where: x .< lower)
        return raised.replacing(with: upper, where: raised .> upper)
    }
}

/// sigmoid: 1 / (1 + e^−x).
struct Logistic: VectorTransform {
    @inline(__always) func callAsFunction(_ x: FloatVector) -> FloatVector { VectorMath.sigmoid(x) }
}

/// tanh.
struct HyperbolicTangent: VectorTransform {
    @inline(__always) func callAsFunction(_ x: FloatVector) -> FloatVector { VectorMath.tanh(x) }
}

/// hard_sigmoid: alpha·x + beta limited to [0, 1].
struct HardSigmoid: VectorTransform {
    let alpha: Float
    let beta: Float
    @inline(__always) func callAsFunction(_ x: FloatVector) -> FloatVector {
        Clip(lower: 0, upper: 1)(FloatVector(repeating: beta).addingProduct(x, FloatVector(repeating: alpha)))
    }
}

/// hard_swish: x · hard_sigmoid(x) with alpha 1/6, beta 1/2.
struct HardSwish: VectorTransform {
    @inline(__always) func callAsFunction(_ x: FloatVector) -> FloatVector {
        x * Clip(lower: 0, upper: 1)(x / 6 + 0.5)
    }
}

/// silu: x · sigmoid(x).
struct SigmoidLinearUnit: VectorTransform {
    @inline(__always) func callAsFunction(_ x: FloatVector) -> FloatVector { x * VectorMath.sigmoid(x) }
}

/// elu: x for x ≥ 0, alpha·(e^x − 1) below.
struct ExponentialLinearUnit: VectorTransform {
    let alpha: Float
    @inline(__always) func callAsFunction(_ x: FloatVector) -> FloatVector {
        x.replacing(with: alpha * VectorMath.expMinusOne(x), where: x .< 0)
    }
}
