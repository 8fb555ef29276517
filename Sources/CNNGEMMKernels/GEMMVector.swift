/// A SIMD vector of floats the micro-kernel can use: the standard library's generic lane
/// comparison builds its mask one lane at a time, so each vector type supplies its concrete
/// (single-instruction) comparison, and the activations are written on top of it once.
public protocol GEMMVector: SIMD where Scalar == Float {
    /// The lanes where `self < other`.
    func lanes(below other: Self) -> SIMDMask<MaskStorage>
}

extension SIMD4: GEMMVector where Scalar == Float {
    /// The concrete comparison.
    @inlinable @inline(__always)
    public func lanes(below other: Self) -> SIMDMask<MaskStorage> { self .< other }
}

extension SIMD8: GEMMVector where Scalar == Float {
    /// The concrete comparison.
    @inlinable @inline(__always)
    public func lanes(below other: Self) -> SIMDMask<MaskStorage> { self .< other }
}

extension SIMD16: GEMMVector where Scalar == Float {
    /// The concrete comparison.
    @inlinable @inline(__always)
    public func lanes(below other: Self) -> SIMDMask<MaskStorage> { self .< other }
}
