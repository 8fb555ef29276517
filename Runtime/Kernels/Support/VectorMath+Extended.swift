/// The vector functions of the element-wise math ops, built on `VectorMath`'s kernels but valid
/// over the whole f32 range: e^x that overflows to inf and underflows through the subnormals to
/// 0, the logarithm of every float (−inf at 0, NaN below, subnormals included), log(1 + t), and
/// the error function.
extension VectorMath {
    /// e^x per lane over the whole range: `exp` where |x| ≤ 87, else (e^(x/2))², which rounds to
    /// inf above ln(FLT_MAX) ≈ 88.72 and to the subnormals and 0 below −87 (relative error there
    /// grows as the subnormals lose bits, as any f32 result must).
    @inline(__always)
    static func exponential(_ x: FloatVector) -> FloatVector {
        let direct = exp(x)
        let outside = (x .> 87) .| (x .< -87)
        guard any(outside) else { return direct }
        let half = exp(x * 0.5)
        return direct.replacing(with: half * half, where: outside)
    }

    /// The natural logarithm per lane for every f32: `log` of the lane (subnormals first scaled
    /// by 2^23), −inf at ±0, NaN below 0 and for NaN, inf at inf.
    @inline(__always)
    static func logarithm(_ x: FloatVector) -> FloatVector {
        let subnormal = (x .> 0) .& (x .< Float.leastNormalMagnitude)
        let scaled = x.replacing(with: x * 8_388_608, where: subnormal)
        var result = log(scaled)
        result = result.replacing(with: result - 15.942_385_152_878_742, where: subnormal)
        result = result.replacing(with: -.infinity, where: x .== 0)
        result = result.replacing(with: .nan, where: x .< 0)
        result = result.replacing(with: .infinity, where: x .== .infinity)
        return result.replacing(with: x, where: x .!= x)
    }

    /// log(1 + t) per lane for t ≥ 0, accurate for small t too: with u = 1 + t rounded,
    /// log(u)·t/(u − 1) cancels the rounding of u (t itself where u rounds to 1).
    @inline(__always)
    static func logarithmOfOnePlus(_ t: FloatVector) -> FloatVector {
        let u = 1 + t
        let corrected = logarithm(u) * t / (u - 1)
        return corrected.replacing(with: t, where: u .== 1).replacing(with: u, where: u .== .infinity)
    }

    /// The error function per lane: x·P(x²) below |x| = 1 (P of degree 6), else
    /// ±(1 − erfc(|x|)) with `complementaryErrorTail`. NaN stays NaN.
    @inline(__always)
    static func errorFunction(_ x: FloatVector) -> FloatVector {
        let magnitude = x.replacing(with: -x, where: x .< 0)
        let large = 1 - complementaryErrorTail(magnitude.replacing(with: 1, where: magnitude .< 1))
        let positive = large.replacing(with: errorFunctionNearZero(magnitude), where: magnitude .< 1)
        let signed = positive.replacing(with: -positive, where: x .< 0)
        return signed.replacing(with: x, where: x .!= x)
    }

    /// The complementary error function 1 − erf(z) per lane, accurate relative to its value also
    /// where it is tiny (z up to about 10, beyond which it is 0 in f32): 1 − z·P(z²) below
    /// |z| = 1, `complementaryErrorTail(z)` above 1, 2 minus it below −1. NaN stays NaN.
    @inline(__always)
    static func complementaryErrorFunction(_ z: FloatVector) -> FloatVector {
        let magnitude = z.replacing(with: -z, where: z .< 0)
        let tail = complementaryErrorTail(magnitude.replacing(with: 1, where: magnitude .< 1))
        let outer = tail.replacing(with: 2 - tail, where: z .< 0)
        let result = outer.replacing(with: 1 - errorFunctionNearZero(z), where: magnitude .< 1)
        return result.replacing(with: z, where: z .!= z)
    }

    /// erf(x) for |x| < 1 as x·P(x²), P of degree 6: a near-minimax fit of erf(x)/x (Lawson's
    /// iteration on Chebyshev nodes), relative error below 1.8e-7 measured in f32.
    @inline(__always)
    private static func errorFunctionNearZero(_ x: FloatVector) -> FloatVector {
        let square = x * x
        var p = FloatVector(repeating: -8.020_880_632_102_49e-4).addingProduct(square, FloatVector(repeating: 7.889_242_260_716_856e-5))
        p = FloatVector(repeating: 5.189_540_330_320_597e-3).addingProduct(p, square)
        p = FloatVector(repeating: -2.685_444_802_045_822e-2).addingProduct(p, square)
        p = FloatVector(repeating: 1.128_360_033_035_278_3e-1).addingProduct(p, square)
        p = FloatVector(repeating: -3.761_262_595_653_534e-1).addingProduct(p, square)
        p = FloatVector(repeating: 1.128_379_106_521_606_4).addingProduct(p, square)
        return p * x
    }

    /// erfc(t) for lanes t ≥ 1 as e^(−t²)·(1/t)·S(1/t), where S(u) = t·erfcx(t) (erfcx the scaled
    /// complementary error function) is a polynomial of degree 8 in u for t ≤ 4 and of degree 4
    /// in u² beyond (relative errors 5.6e-8 and 2.4e-8: near-minimax fits). e^(−t²) is e^(−p)
    /// with p = t² rounded, times 1 − r with r = t² − p recovered exactly by a fused
    /// multiply-add, so that the rounding of t² (relative error t²·ε) does not enter. 0 from
    /// t = 11 on (erfc is below the least subnormal there).
    @inline(__always)
    private static func complementaryErrorTail(_ t: FloatVector) -> FloatVector {
        let u = 1 / t
        var near = FloatVector(repeating: -3.122_710_287_570_953_4e-1).addingProduct(u, FloatVector(repeating: 5.451_061_576_604_843e-2))
        near = FloatVector(repeating: 7.588_574_290_275_574e-1).addingProduct(near, u)
        near = FloatVector(repeating: -9.781_754_612_922_668e-1).addingProduct(near, u)
        near = FloatVector(repeating: 6.184_701_919_555_664e-1).addingProduct(near, u)
        near = FloatVector(repeating: 1.809_284_649_789_333_3e-2).addingProduct(near, u)
        near = FloatVector(repeating: -2.991_061_806_678_772e-1).addingProduct(near, u)
        near = FloatVector(repeating: 3.231_501_672_416_925_4e-3).addingProduct(near, u)
        near = FloatVector(repeating: 5.639_736_652_374_268e-1).addingProduct(near, u)
        let v = u * u
        var far = FloatVector(repeating: -9.819_119_572_639_465e-1).addingProduct(v, FloatVector(repeating: 2.055_554_628_372_192_4))
        far = FloatVector(repeating: 4.215_922_355_651_855_5e-1).addingProduct(far, v)
        far = FloatVector(repeating: -2.820_833_921_432_495e-1).addingProduct(far, v)
        far = FloatVector(repeating: 5.641_895_532_608_032e-1).addingProduct(far, v)
        let scaled = near.replacing(with: far, where: t .> 4)
        let square = t * t
        let residual = (-square).addingProduct(t, t)
        let tail = exponential(-square) * (1 - residual) * u * scaled
        return tail.replacing(with: 0, where: t .>= 11)
    }
}
