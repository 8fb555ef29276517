/// Moving the elements of 16 tiles between vectors, one tile per lane, and rows of memory where
/// consecutive tiles lie a fixed stride apart (m floats in a band buffer).
enum WinogradLanes {
    /// The tiles one vector holds.
    static let count = FloatVector.scalarCount

    /// The vector of `source[l·stride]` for every lane l.
    @inline(__always)
    static func gather(_ source: UnsafePointer<Float>, stride: Int) -> FloatVector {
        var vector = FloatVector()
        for lane in 0..<count { vector[lane] = source[lane &* stride] }
        return vector
    }

    /// Writes lane l of `vector` to `destination[l·stride]` for every lane l.
    @inline(__always)
    static func scatter(_ vector: FloatVector, into destination: UnsafeMutablePointer<Float>, stride: Int) {
        for lane in 0..<count { destination[lane &* stride] = vector[lane] }
    }
}
