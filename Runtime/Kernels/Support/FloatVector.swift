/// The vector the fast kernels compute with: 16 f32 lanes (one AVX-512 register, two AVX2 ones).
typealias FloatVector = SIMD16<Float>

extension UnsafePointer where Pointee == Float {
    /// The 16 elements starting at `offset` (no alignment needed).
    @inline(__always)
    func loadFloatVector(at offset: Int) -> FloatVector {
        UnsafeRawPointer(self + offset).loadUnaligned(as: FloatVector.self)
    }

    /// The `count` (< 16) elements starting at `offset` in the first lanes, zeros in the others;
    /// reads nothing past `offset + count`.
    @inline(__always)
    func loadPartialFloatVector(at offset: Int, count: Int) -> FloatVector {
        var vector = FloatVector()
        for lane in 0..<count { vector[lane] = self[offset + lane] }
        return vector
    }
}

extension UnsafeMutablePointer where Pointee == Float {
    /// Writes the 16 lanes of `vector` starting at `offset` (no alignment needed).
    @inline(__always)
    func storeFloatVector(_ vector: FloatVector, at offset: Int) {
        UnsafeMutableRawPointer(self + offset).storeBytes(of: vector, as: FloatVector.self)
    }

    /// Writes the first `count` (< 16) lanes of `vector` starting at `offset`.
    @inline(__always)
    func storePartialFloatVector(_ vector: FloatVector, at offset: Int, count: Int) {
        for lane in 0..<count { self[offset + lane] = vector[lane] }
    }
}
