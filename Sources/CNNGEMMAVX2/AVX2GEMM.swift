import CNNGEMMKernels

/// The AVX2 architecture: a 6 × 16 register tile of SIMD8 accumulators (12 of the 16 ymm
/// registers), fused multiply-adds. This module is compiled for x86-64-v3 (AVX2 + FMA).
package enum AVX2Architecture: GEMMArchitecture {
    /// 8 floats, one ymm register.
    package typealias Vector = SIMD8<Float>

    /// MR × NR = 6 × 16; KC keeps a packed B panel in L1, MC a packed A block in L2.
    @inlinable
    package static var blocking: GEMMBlocking {
        GEMMBlocking(tileRows: 6, tileColumns: 16, blockRows: 144, blockDepth: 256, blockColumns: 4096)
    }

    /// One fused multiply-add.
    @inlinable @inline(__always)
    package static func multiplyAdd(_ accumulator: Vector, _ left: Vector, _ right: Vector) -> Vector {
        accumulator.addingProduct(left, right)
    }
}

/// The packed GEMM instantiated for AVX2.
package enum AVX2GEMM {
    /// The blocking of the AVX2 kernels.
    package static var blocking: GEMMBlocking { AVX2Architecture.blocking }

    /// Packs all of A for products with `.packed` A.
    package static func packA(_ a: UnsafePointer<Float>, leading: Int, transposed: Bool, rows: Int, depth: Int,
                              into packed: UnsafeMutablePointer<Float>) {
        GEMMDriver<AVX2Architecture>.packA(a, leading: leading, transposed: transposed, rows: rows, depth: depth, into: packed)
    }

    /// Packs all of B for operations with `packedB`.
    package static func packB(_ b: UnsafePointer<Float>, leading: Int, transposed: Bool, columns: Int, depth: Int,
                              into packed: UnsafeMutablePointer<Float>) {
        GEMMDriver<AVX2Architecture>.packB(b, leading: leading, transposed: transposed, columns: columns, depth: depth, into: packed)
    }

    /// Computes the block `rows × columns` of the operation's C.
    package static func multiply(_ operation: GEMMOperation, rows: Range<Int>, columns: Range<Int>,
                                 workspace: UnsafeMutablePointer<Float>) {
        GEMMDriver<AVX2Architecture>.multiply(operation, rows: rows, columns: columns, workspace: workspace)
    }
}
