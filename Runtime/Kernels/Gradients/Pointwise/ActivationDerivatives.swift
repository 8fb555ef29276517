/// The gradient of an element-wise activation on 16 lanes: dx from x and dy.
protocol GradientTransform: Sendable {
    /// dy·f′(x) per lane.
    func callAsFunction(_ x: FloatVector, _ dy: FloatVector) -> FloatVector
}

/// `dx[i] = transform(x[i], dy[i])` for i in `range` (the last partial vector too, reading and
/// writing nothing past the range's end).
@inline(__always)
func applyGradient<Transform: GradientTransform>(_ transform: Transform, x: UnsafePointer<Float>, dy: UnsafePointer<Float>,
                                                 dx: UnsafeMutablePointer<Float>, range: Range<Int>) {
    var index = range.lowerBound
    while index + 16 <= range.upperBound {
        dx.storeFloatVector(transform(x.loadFloatVector(at: index), dy.loadFloatVector(at: index)), at: index)
        index += 16
    }
    if index < range.upperBound {
        let rest = range.upperBound - index
        let result = transform(x.loadPartialFloatVector(at: index, count: rest), dy.loadPartialFloatVector(at: index, count: rest))
        dx.storePartialFloatVector(result, at: index, count: rest)
    }
}

/// none: dy.
struct IdentityGradient: GradientTransform {
    @inline(__always) func callAsFunction(_ x: FloatVector, _ dy: FloatVector) -> FloatVector { dy }
}

/// relu: dy where x > 0, else 0 (relu′(0) = 0; NaN x gives 0, as the reference).
struct RectifierGradient: GradientTransform {
    @inline(__always) func callAsFunction(_ x: FloatVector, _ dy: FloatVector) -> FloatVector {
        dy.replacing(with: 0, where: .!(x .> 0))
    }
}

/// leaky_relu: dy where x > 0, alpha·dy elsewhere.
struct LeakyRectifierGradient: GradientTransform {
    let alpha: Float
    @inline(__always) func callAsFunction(_ x: FloatVector, _ dy: FloatVector) -> FloatVector {
        dy.replacing(with: dy * alpha, where: .!(x .> 0))
    }
}

/// clip: dy strictly inside (lower, upper), 0 elsewhere.
struct ClipGradient: GradientTransform {
    let lower: Float
    let upper: Float
    @inline(__always) func callAsFunction(_ x: FloatVector, _ dy: FloatVector) -> FloatVector {
        dy.replacing(with: 0, where: .!((x .> lower) .& (x .< upper)))
    }
}

/// sigmoid: dy·s·(1 − s).
struct LogisticGradient: GradientTransform {
    @inline(__always) func callAsFunction(_ x: FloatVector, _ dy: FloatVector) -> FloatVector {
        let s = VectorMath.sigmoid(x)
        return dy * s * (1 - s)
    }
}

/// tanh: dy·(1 − tanh²x), as dy·4u/(1 + u)² with u = e^(−2|x|) (sech²x), which keeps its relative
/// accuracy where tanh x rounds to ±1.
struct HyperbolicTangentGradient: GradientTransform {
    @inline(__always) func callAsFunction(_ x: FloatVector, _ dy: FloatVector) -> FloatVector {
        let magnitude = x.replacing(with: -x, where: x .< 0)
        let u = VectorMath.exponential(-2 * magnitude)
        let denominator = 1 + u
        return dy * (4 * u / (denominator * denominator))
    }
}

/// hard_sigmoid: alpha·dy where 0 < alpha·x + beta < 1, 0 elsewhere.
struct HardSigmoidGradient: GradientTransform {
    let alpha: Float
    let beta: Float
    @inline(__always) func callAsFunction(_ x: FloatVector, _ dy: FloatVector) -> FloatVector {
        let t = FloatVector(repeating: beta).addingProduct(x, FloatVector(repeating: alpha))
        return (dy * alpha).replacing(with: 0, where: .!((t .> 0) .& (t .< 1)))
    }
}

/// hard_swish: dy·(x/3 + 1/2) strictly inside (−3, 3), dy from 3 on, 0 up to −3.
struct HardSwishGradient: GradientTransform {
    @inline(__always) func callAsFunction(_ x: FloatVector, _ dy: FloatVector) -> FloatVector {
        let inside = dy * FloatVector(repeating: 0.5).addingProduct(x, FloatVector(repeating: 1.0 / 3))
        return inside.replacing(with: dy, where: x .>= 3).replacing(with: 0, where: .!(x .> -3))
    }
}

/// silu: dy·s·(1 + x·(1 − s)).
struct SigmoidLinearUnitGradient: GradientTransform {
    @inline(__always) func callAsFunction(_ x: FloatVector, _ dy: FloatVector) -> FloatVector {
        let s = VectorMath.sigmoid(x)
        return dy * s * FloatVector(repeating: 1).addingProduct(x, 1 - s)
    }
}

/// elu: dy where x ≥ 0 (and NaN), alpha·e^x·dy below 0.
struct ExponentialLinearUnitGradient: GradientTransform {
    let alpha: Float
    @inline(__always) func callAsFunction(_ x: FloatVector, _ dy: FloatVector) -> FloatVector {
        dy.replacing(with: dy * alpha * VectorMath.exponential(x), where: x .< 0)
    }
}

/// softplus: dy·sigmoid(x).
struct SoftPlusGradient: GradientTransform {
    @inline(__always) func callAsFunction(_ x: FloatVector, _ dy: FloatVector) -> FloatVector {
        dy * VectorMath.sigmoid(x)
    }
}

/// gelu (exact): dy·(Φ(x) + x·φ(x)), Φ(x) = erfc(−x/√2)/2 and φ(x) = e^(−x²/2)/√(2π).
struct GaussianErrorLinearUnitGradient: GradientTransform {
    @inline(__always) func callAsFunction(_ x: FloatVector, _ dy: FloatVector) -> FloatVector {
        let distribution = 0.5 * VectorMath.complementaryErrorFunction(x * -0.707_106_781_186_547_5)
        let density = VectorMath.exponential(x * x * -0.5) * 0.398_942_280_401_432_7
        return dy * distribution.addingProduct(x, density)
    }
}
