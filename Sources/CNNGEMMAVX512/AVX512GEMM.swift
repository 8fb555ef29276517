import CNNGEMMKernels

/// The AVX-512 architecture: an 8 × 48 register tile of SIMD16 accumulators (24 of the 32 zmm
/// registers; each step of the depth loads 3 vectors of B and broadcasts 8 floats of A for 24
/// fused multiply-adds). This module is compiled for AVX-512; its code runs only
/// after the dispatcher has checked the processor.
package enum AVX512Architecture: GEMMArchitecture {
    /// 16 floats, one zmm register.
    package typealias Vector = SIMD16<Float>

    /// MR × NR = 8 × 48 (8 divides the channel counts of CNNs); a packed block of A (MC × KC)
    /// stays in L2. Measured against 12 × 32, 6 × 64 and other KC/MC/NC (docs/PERFORMANCE.md).
    @inlinable
    package static var blocking: GEMMBlocking {
        GEMMBlocking(tileRows: 8, tileColumns: 48, blockRows: 192, blockDepth: 384, blockColumns: 4080)
    }

    /// One fused multiply-add.
    @inlinable @inline(__always)
    package static func multiplyAdd(_ accumulator: Vector, _ left: Vector, _ right: Vector) -> Vector {
        accumulator.addingProduct(left, right)
    }
}

/// The packed GEMM instantiated for AVX-512.
package enum AVX512GEMM {
    /// The blocking of the AVX-512 kernels.
    package static var blocking: GEMMBlocking { AVX512Architecture.blocking }

    /// Packs all of A for products with `.packed` A.
    package static func packA(_ a: UnsafePointer<Float>, leading: Int, transposed: Bool, rows: Int, depth: Int,
                              into packed: UnsafeMutablePointer<Float>) {
        GEMMDriver<AVX512Architecture>.packA(a, leading: leading, transposed: transposed, rows: rows, depth: depth, into: packed)
    }

    /// Packs all of B for operations with `packedB`.
    package static func packB(_ b: UnsafePointer<Float>, leading: Int, transposed: Bool, columns: Int, depth: Int,
                              into packed: UnsafeMutablePointer<Float>) {
        GEMMDriver<AVX512Architecture>.packB(b, leading: leading, transposed: transposed, columns: columns, depth: depth, into: packed)
    }

    /// Computes the block `rows × columns` of the operation's C.
    package static func multiply(_ operation: GEMMOperation, rows: Range<Int>, columns: Range<Int>,
                                 workspace: UnsafeMutablePointer<Float>) {
        GEMMDriver<AVX512Architecture>.multiply(operation, rows: rows, columns: columns, workspace: workspace)
    }
}
