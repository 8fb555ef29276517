/// One instruction set's view of the packed GEMM: the vector type of its micro-kernel, how it
/// multiplies and adds, and the blocking that suits its registers and caches.
///
/// The generic packing, micro-kernel and driver code of this module is `@inlinable`; a module
/// compiled for one instruction set instantiates it with its architecture type, so that the
/// specialized code is generated with that module's target flags.
package protocol GEMMArchitecture {
    /// The SIMD vector of the micro-kernel; a tile row is `tileVectors` of them.
    associatedtype Vector: SIMD where Vector.Scalar == Float
    /// The register tile (MR × NR) and the cache blocks.
    static var blocking: GEMMBlocking { get }
    /// `accumulator + left·right`, fused where the instruction set has a fused multiply-add.
    static func multiplyAdd(_ accumulator: Vector, _ left: Vector, _ right: Vector) -> Vector
}

extension GEMMArchitecture {
    /// The number of floats in one vector.
    @inlinable
    package static var lanes: Int { Vector.scalarCount }
}
