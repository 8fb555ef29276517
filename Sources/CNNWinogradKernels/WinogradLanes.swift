/// The lanes of the Winograd kernels' vectors: 16 tiles, one per lane.
public enum WinogradLanes {
    /// The tiles one vector holds.
    @inlinable public static var count: Int { 16 }
}

/// Moving the elements of 16 tiles between vectors, one tile per lane, and rows of memory where
/// consecutive tiles lie a fixed stride apart (m floats in a band buffer).
///
/// For strides 2 and 4 (F(2x2) and F(4x4)) the moves are shuffles of whole vectors: 16·m
/// consecutive floats are loaded as m vectors and de-interleaved into the m vectors of every
/// m-th lane (`deinterleave`), or m vectors interleaved and stored as 16·m consecutive floats
/// (`interleave`); the compiler turns the lane picks of constant indices into permutes and
/// blends. Other strides move lane by lane. Generic over the module that compiles them
/// (`WinogradInstructionTarget`).
public enum WinogradLaneMoves<Target: WinogradInstructionTarget> {
    /// The vector of 16 lanes.
    public typealias Vector = SIMD16<Float>

    /// The vector of `source[l·stride]` for every lane l.
    @inlinable @inline(__always)
    public static func gather(_ source: UnsafePointer<Float>, stride: Int) -> Vector {
        var vector = Vector()
        for lane in 0..<WinogradLanes.count { vector[lane] = source[lane &* stride] }
        return vector
    }

    /// The vectors of `source[l·Stride + e]` for every lane l, for each of the `Stride`
    /// elements e: the 16·Stride floats from `source`, de-interleaved (strides 2 and 4 by
    /// shuffles, others lane by lane).
    @inlinable @inline(__always)
    public static func gather<let Stride: Int>(_ source: UnsafePointer<Float>) -> InlineArray<Stride, Vector> {
        var vectors = InlineArray<Stride, Vector>(repeating: Vector())
        switch Stride {
        case 2:
            let (a, b) = (source.loadLanes(at: 0), source.loadLanes(at: 16))
            vectors[0] = deinterleave(a, b, element: 0)
            vectors[1] = deinterleave(a, b, element: 1)
        case 4:
            let (a, b) = (source.loadLanes(at: 0), source.loadLanes(at: 16))
            let (c, d) = (source.loadLanes(at: 32), source.loadLanes(at: 48))
            vectors[0] = deinterleave(a, b, c, d, element: 0)
            vectors[1] = deinterleave(a, b, c, d, element: 1)
            vectors[2] = deinterleave(a, b, c, d, element: 2)
            vectors[3] = deinterleave(a, b, c, d, element: 3)
        default:
            for element in 0..<Stride { vectors[element] = gather(source + element, stride: Stride) }
        }
        return vectors
    }

    /// Writes lane l of `vectors[e]` to `destination[l·stride + e]` for every lane l and each of
    /// the `stride` vectors e: 16·stride consecutive floats.
    @inlinable @inline(__always)
    public static func scatter<let Stride: Int>(_ vectors: InlineArray<Stride, Vector>, into destination: UnsafeMutablePointer<Float>) {
        switch Stride {
        case 2:
            destination.storeLanes(interleave(vectors[0], vectors[1], half: 0), at: 0)
            destination.storeLanes(interleave(vectors[0], vectors[1], half: 1), at: 16)
        case 4:
            let (a, b, c, d) = (vectors[0], vectors[1], vectors[2], vectors[3])
            destination.storeLanes(interleave(a, b, c, d, quarter: 0), at: 0)
            destination.storeLanes(interleave(a, b, c, d, quarter: 1), at: 16)
            destination.storeLanes(interleave(a, b, c, d, quarter: 2), at: 32)
            destination.storeLanes(interleave(a, b, c, d, quarter: 3), at: 48)
        default:
            for element in 0..<Stride {
                for lane in 0..<WinogradLanes.count { destination[lane &* Stride &+ element] = vectors[element][lane] }
            }
        }
    }

    /// Lanes e, e + 2, e + 4, … of the 32 lanes of `low` then `high`.
    @inlinable @inline(__always)
    static func deinterleave(_ low: Vector, _ high: Vector, element e: Int) -> Vector {
        Vector(low[e], low[e + 2], low[e + 4], low[e + 6], low[e + 8], low[e + 10], low[e + 12], low[e + 14],
                    high[e], high[e + 2], high[e + 4], high[e + 6], high[e + 8], high[e + 10], high[e + 12], high[e + 14])
    }

    /// Lanes e, e + 4, e + 8, … of the 64 lanes of `a`, `b`, `c` then `d`.
    @inlinable @inline(__always)
    static func deinterleave(_ a: Vector, _ b: Vector, _ c: Vector, _ d: Vector,
                                     element e: Int) -> Vector {
        Vector(a[e], a[e + 4], a[e + 8], a[e + 12], b[e], b[e + 4], b[e + 8], b[e + 12],
                    c[e], c[e + 4], c[e + 8], c[e + 12], d[e], d[e + 4], d[e + 8], d[e + 12])
    }

    /// Half `half` (0 or 1) of the 32 lanes `a[0], b[0], a[1], b[1], …`.
    @inlinable @inline(__always)
    static func interleave(_ a: Vector, _ b: Vector, half: Int) -> Vector {
        let o = half &* 8
        return Vector(a[o], b[o], a[o + 1], b[o + 1], a[o + 2], b[o + 2], a[o + 3], b[o + 3],
                           a[o + 4], b[o + 4], a[o + 5], b[o + 5], a[o + 6], b[o + 6], a[o + 7], b[o + 7])
    }

    /// Quarter `quarter` (0…3) of the 64 lanes `a[0], b[0], c[0], d[0], a[1], …`.
    @inlinable @inline(__always)
    static func interleave(_ a: Vector, _ b: Vector, _ c: Vector, _ d: Vector,
                                   quarter: Int) -> Vector {
        let o = quarter &* 4
        return Vector(a[o], b[o], c[o], d[o], a[o + 1], b[o + 1], c[o + 1], d[o + 1],
                           a[o + 2], b[o + 2], c[o + 2], d[o + 2], a[o + 3], b[o + 3], c[o + 3], d[o + 3])
    }
}
