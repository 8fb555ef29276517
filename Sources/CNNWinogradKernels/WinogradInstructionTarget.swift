/// The instruction set a module compiles the Winograd lane kernels for
/// (`WinogradLaneTransforms`). Each module that instantiates them supplies its own type, so
/// that its specializations have names of their own and the linker never merges code compiled
/// for different processors.
public protocol WinogradInstructionTarget {}

extension UnsafePointer where Pointee == Float {
    /// The 16 elements starting at `offset` (no alignment needed).
    @inlinable @inline(__always)
    func loadLanes(at offset: Int) -> SIMD16<Float> {
        UnsafeRawPointer(self + offset).loadUnaligned(as: SIMD16<Float>.self)
    }
}

extension UnsafeMutablePointer where Pointee == Float {
    /// Writes the 16 lanes of `vector` starting at `offset` (no alignment needed).
    @inlinable @inline(__always)
    func storeLanes(_ vector: SIMD16<Float>, at offset: Int) {
        UnsafeMutableRawPointer(self + offset).storeBytes(of: vector, as: SIMD16<Float>.self)
    }
}
