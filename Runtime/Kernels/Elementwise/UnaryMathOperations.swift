/// sqrt: √x per lane (NaN below 0), each lane by the hardware square root.
struct SquareRoot: VectorTransform {
    @inline(__always) func callAsFunction(_ x: FloatVector) -> FloatVector {
        var result = x
        for lane in 0..<16 { result[lane] = x[lane].squareRoot() }
        return result
    }
}

/// exp: e^x over the whole f32 range.
struct Exponential: VectorTransform {
    @inline(__always) func callAsFunction(_ x: FloatVector) -> FloatVector { VectorMath.exponential(x) }
}

/// log: the natural logarithm (−inf at 0, NaN below).
struct NaturalLogarithm: VectorTransform {
    @inline(__always) func callAsFunction(_ x: FloatVector) -> FloatVector { VectorMath.logarithm(x) }
}

/// neg: −x.
struct Negation: VectorTransform {
    @inline(__always) func callAsFunction(_ x: FloatVector) -> FloatVector { -x }
}

/// abs: |x| (the sign bit cleared, so −0 gives 0 and NaN stays NaN).
struct AbsoluteValue: VectorTransform {
    @inline(__always) func callAsFunction(_ x: FloatVector) -> FloatVector {
        unsafeBitCast(unsafeBitCast(x, to: SIMD16<UInt32>.self) & 0x7FFF_FFFF, to: FloatVector.self)
    }
}

/// reciprocal: 1 / x.
struct Reciprocal: VectorTransform {
    @inline(__always) func callAsFunction(_ x: FloatVector) -> FloatVector { 1 / x }
}

/// erf: the error function (see `VectorMath.errorFunction` for its accuracy).
struct ErrorFunction: VectorTransform {
    @inline(__always) func callAsFunction(_ x: FloatVector) -> FloatVector { VectorMath.errorFunction(x) }
}

/// softplus: log(1 + e^x) as max(x, 0) + log(1 + e^−|x|), which neither overflows nor loses
/// the small values of very negative x.
struct SoftPlus: VectorTransform {
    @inline(__always) func callAsFunction(_ x: FloatVector) -> FloatVector {
        let positivePart = x.replacing(with: 0, where: x .< 0)
        let magnitude = x.replacing(with: -x, where: x .< 0)
        return positivePart + VectorMath.logarithmOfOnePlus(VectorMath.exponential(-magnitude))
    }
}

/// gelu with approximate = none: x·Φ(x) = ½·x·erfc(−x/√2), which keeps its relative accuracy
/// for negative x (where 1 + erf(x/√2) would cancel).
struct GaussianErrorLinearUnit: VectorTransform {
    @inline(__always) func callAsFunction(_ x: FloatVector) -> FloatVector {
        0.5 * x * VectorMath.complementaryErrorFunction(x * -0.707_106_781_186_547_5)
    }
}

/// gelu with approximate = tanh: ½·x·(1 + tanh(u)) with u = √(2/π)·(x + 0.044715·x³), computed
/// as x / (1 + e^(−2u)) (the same function) so that it does not cancel for negative x. For
/// negative x the relative error grows with |2u|·ε, the rounding of the argument.
struct TanhGaussianErrorLinearUnit: VectorTransform {
    @inline(__always) func callAsFunction(_ x: FloatVector) -> FloatVector {
        let twice = 1.595_769_121_605_730_8 * x.addingProduct(0.044_715 * x * x, x)
        return x / (1 + VectorMath.exponential(-twice))
    }
}
