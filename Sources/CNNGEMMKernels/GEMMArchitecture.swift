/// One instruction set's view of the packed GEMM: the vector type of its micro-kernel, how it
/// multiplies and adds, and the blocking that suits its registers and caches.
///
/// The generic packing, micro-kernel and driver code of this module is `@inlinable`; a module
/// compiled for one instruction set instantiates it with its architecture type, so that the
/// specialized code is generated with that module's target flags. Register tiles have at most
/// 8 rows and 3 vectors per row (`TileDispatch` has an instance for each size up to those).
///
/// Incremental debug builds recompile a dependent module only when declarations change, not
/// `@inlinable` bodies: after editing this module, touch the instruction-set modules' sources.
public protocol GEMMArchitecture {
    /// The SIMD vector of the micro-kernel; a tile row is `NR / lanes` of them.
    associatedtype Vector: GEMMVector
    /// The register tile (MR × NR) and the cache blocks.
    static var blocking: GEMMBlocking { get }
    /// `accumulator + left·right`, fused where the instruction set has a fused multiply-add.
    static func multiplyAdd(_ accumulator: Vector, _ left: Vector, _ right: Vector) -> Vector
}

extension GEMMArchitecture {
    /// The number of floats in one vector.
    @inlinable
    public static var lanes: Int { Vector.scalarCount }
}
