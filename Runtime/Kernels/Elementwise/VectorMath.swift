/// Exponential-based functions on 16 lanes at once, for the activations and softmax.
///
/// `exp` is Cephes' `expf` (range reduction by ln 2 in two parts, a degree-6 polynomial on
/// |r| ≤ ln2/2, then a power of two from the exponent bits): about 1 ulp (relative error
/// below 2.5e-7) on its range. Arguments are clamped to [-87, 88], where the result is a
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
