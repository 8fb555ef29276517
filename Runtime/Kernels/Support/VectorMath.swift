/// Exponential-based functions on 16 lanes at once, for the activations, softmax and lrn.
///
/// `exp` is Cephes' `expf` (range reduction by ln 2 in two parts, a degree-6 polynomial on
/// |r| ≤ ln2/2, then a power of two from the exponent bits). Measured against Double over dense
/// sweeps: exp ≤ 1.3 ulp on [−87, 88), sigmoid ≤ 3.2 ulp, tanh ≤ 1.4 ulp, expMinusOne ≤ 4.3 ulp,
/// log ≤ 0.7 ulp (1 ulp ≤ 1.2e-7 relative). Arguments are clamped to [-87, 88], where the result is a
/// normal float; NaN stays NaN. Nothing calls libm, so the lanes stay in vector registers
/// (which is also why nothing here uses `squareRoot`, `clamped` or `pointwiseMin`/`Max`: on
/// `SIMD16<Float>` they become a libm call or a scalar comparison per lane).
enum VectorMath {
    /// e^x per lane (see the type's documentation for accuracy and range).
    @inline(__always)
    static func exp(_ x: FloatVector) -> FloatVector {
        // Compare-and-blend rather than `clamped`, whose NaN rules keep it from vectorizing.
        let raised = x.replacing(with: -87, where: x .< -87)
        let clamped = raised.replacing(with: 88, where: raised .> 88)
        // Adding 1.5·2^23 rounds to the nearest integer and leaves it in the low mantissa bits.
        let roundingShift = FloatVector(repeating: 12_582_912)
        let shifted = clamped * FloatVector(repeating: 1.442_695_040_888_963_4) + roundingShift
        let n = shifted - roundingShift
        var r = clamped.addingProduct(n, FloatVector(repeating: -0.693_359_375))
        r = r.addingProduct(n, FloatVector(repeating: 2.121_944_4e-4))
        var p = FloatVector(repeating: 1.987_569_15e-4)
        p = FloatVector(repeating: 1.398_199_950_7e-3).addingProduct(p, r)
        p = FloatVector(repeating: 8.333_451_907_3e-3).addingProduct(p, r)
        p = FloatVector(repeating: 4.166_579_589_4e-2).addingProduct(p, r)
        p = FloatVector(repeating: 1.666_666_545_9e-1).addingProduct(p, r)
        p = FloatVector(repeating: 5.000_000_120_1e-1).addingProduct(p, r)
        let polynomial = (r + 1).addingProduct(p, r * r)
        let exponent = unsafeBitCast(shifted, to: SIMD16<Int32>.self) &- 0x4B40_0000 &+ 127
        let result = polynomial * unsafeBitCast(exponent &<< 23, to: FloatVector.self)
        return result.replacing(with: x, where: x .!= x)
    }

    /// e^x − 1 per lane, accurate near 0 too: a degree-6 Taylor polynomial for |x| < 0.25
    /// (remainder below 2e-8 relative), `exp(x) - 1` elsewhere.
    @inline(__always)
    static func expMinusOne(_ x: FloatVector) -> FloatVector {
        var taylor = FloatVector(repeating: 1.0 / 120).addingProduct(x, FloatVector(repeating: 1.0 / 720))
        taylor = FloatVector(repeating: 1.0 / 24).addingProduct(taylor, x)
        taylor = FloatVector(repeating: 1.0 / 6).addingProduct(taylor, x)
        taylor = FloatVector(repeating: 0.5).addingProduct(taylor, x)
        taylor = FloatVector(repeating: 1).addingProduct(taylor, x)
        let small = (x .> -0.25) .& (x .< 0.25)
        return (exp(x) - 1).replacing(with: taylor * x, where: small)
    }

    /// The natural logarithm per lane, as Cephes' `logf`, for positive, normal,
    /// finite lanes only (the caller checks: other lanes give meaningless values). The mantissa
    /// m ∈ [√½, √2) and exponent e come from the bits; log x = log m + e·ln 2 with log m from a
    /// degree-9 polynomial and ln 2 in two parts.
    @inline(__always)
    static func log(_ x: FloatVector) -> FloatVector {
        let bits = unsafeBitCast(x, to: SIMD16<Int32>.self)
        var exponent = FloatVector(SIMD16<Int32>(truncatingIfNeeded: (bits &>> 23) &- 126))
        let halfToOne = unsafeBitCast((bits & 0x007F_FFFF) | 0x3F00_0000, to: FloatVector.self)
        let small = halfToOne .< 0.707_106_781_186_547_524
        exponent = exponent.replacing(with: exponent - 1, where: small)
        let m = (halfToOne - 1).replacing(with: halfToOne + halfToOne - 1, where: small)
        let z = m * m
        var p = FloatVector(repeating: -1.151_461_031_0e-1).addingProduct(m, FloatVector(repeating: 7.037_683_629_2e-2))
        p = FloatVector(repeating: 1.167_699_874_0e-1).addingProduct(p, m)
        p = FloatVector(repeating: -1.242_014_084_6e-1).addingProduct(p, m)
        p = FloatVector(repeating: 1.424_932_278_7e-1).addingProduct(p, m)
        p = FloatVector(repeating: -1.666_805_766_5e-1).addingProduct(p, m)
        p = FloatVector(repeating: 2.000_071_476_5e-1).addingProduct(p, m)
        p = FloatVector(repeating: -2.499_999_399_3e-1).addingProduct(p, m)
        p = FloatVector(repeating: 3.333_333_117_4e-1).addingProduct(p, m)
        var y = p * m * z
        y = y.addingProduct(exponent, FloatVector(repeating: -2.121_944_4e-4))
        y = y.addingProduct(z, FloatVector(repeating: -0.5))
        return (m + y).addingProduct(exponent, FloatVector(repeating: 0.693_359_375))
    }

    /// The logistic function 1 / (1 + e^−x) per lane.
    @inline(__always)
    static func sigmoid(_ x: FloatVector) -> FloatVector {
        1 / (1 + exp(-x))
    }

    /// tanh per lane, as Cephes' `tanhf`: an odd polynomial for |x| < 0.625, otherwise
    /// 1 − 2 / (e^(2|x|) + 1) with the sign of x.
    @inline(__always)
    static func tanh(_ x: FloatVector) -> FloatVector {
        let z = x * x
        var p = FloatVector(repeating: 2.063_908_879_54e-2).addingProduct(z, FloatVector(repeating: -5.704_988_727_45e-3))
        p = FloatVector(repeating: -5.373_971_555_31e-2).addingProduct(p, z)
        p = FloatVector(repeating: 1.333_144_220_36e-1).addingProduct(p, z)
        p = FloatVector(repeating: -3.333_328_194_22e-1).addingProduct(p, z)
        let small = x.addingProduct(p, z * x)
        let magnitude = x.replacing(with: -x, where: x .< 0)
        let large = 1 - 2 / (exp(2 * magnitude) + 1)
        let signed = large.replacing(with: -large, where: x .< 0)
        return signed.replacing(with: small, where: magnitude .< 0.625)
    }
}
