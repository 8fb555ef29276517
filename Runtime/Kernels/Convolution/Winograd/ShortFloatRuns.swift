/// Copying and zero-filling the short runs of floats (a few dozen) that the band buffers of a
/// Winograd conv are made of, with vectors and without a library call per run. A run of at
/// least 16 floats ends with a vector that overlaps the one before it.
enum ShortFloatRuns {
    /// Copies `count` floats from `source` to `destination` (which must not overlap).
    @inline(__always)
    static func copy(_ source: UnsafePointer<Float>, to destination: UnsafeMutablePointer<Float>, count: Int) {
        copy(source, to: destination, count: count, finishing: { vector, _ in vector }, finishScalar: { value, _ in value })
    }

    /// Copies `count` floats from `source` to `destination` (which must not overlap), each
    /// vector `finish(vector, index of its first float)` of the source's, each float of a run
    /// shorter than a vector `finishScalar(float, index)`. The overlapping last vector is
    /// finished from the source again, so `finish` must depend only on its arguments.
    @inline(__always)
    static func copy(_ source: UnsafePointer<Float>, to destination: UnsafeMutablePointer<Float>, count: Int,
                     finishing finish: (FloatVector, Int) -> FloatVector, finishScalar: (Float, Int) -> Float) {
        let width = FloatVector.scalarCount
        guard count >= width else {
            for index in 0..<count { destination[index] = finishScalar(source[index], index) }
            return
        }
        var index = 0
        while index &+ width <= count {
            destination.storeFloatVector(finish(source.loadFloatVector(at: index), index), at: index)
            index &+= width
        }
        if index < count {
            destination.storeFloatVector(finish(source.loadFloatVector(at: count &- width), count &- width), at: count &- width)
        }
    }

    /// Sets `count` floats at `destination` to zero.
    @inline(__always)
    static func zero(_ destination: UnsafeMutablePointer<Float>, count: Int) {
        let width = FloatVector.scalarCount
        guard count >= width else {
            for index in 0..<count { destination[index] = 0 }
            return
        }
        var index = 0
        while index &+ width <= count {
            destination.storeFloatVector(FloatVector(), at: index)
            index &+= width
        }
        if index < count { destination.storeFloatVector(FloatVector(), at: count &- width) }
    }
}
