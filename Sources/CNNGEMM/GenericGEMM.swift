/// The portable architecture: a 6 × 8 register tile of SIMD4 accumulators with separate
/// multiplies and adds, so that it compiles to plain vector code for any processor.
package enum GenericArchitecture: GEMMArchitecture {
    /// 4 floats.
    package typealias Vector = SIMD4<Float>

    /// MR × NR = 6 × 8.
    @inlinable
    package static var blocking: GEMMBlocking {
        GEMMBlocking(tileRows: 6, tileColumns: 8, blockRows: 96, blockDepth: 256, blockColumns: 2048)
    }

    /// A multiply then an add (a fused multiply-add would be a library call without FMA).
    @inlinable @inline(__always)
    package static func multiplyAdd(_ accumulator: Vector, _ left: Vector, _ right: Vector) -> Vector {
        accumulator + left * right
    }
}
