/// The number of taps of a depthwise window: fixed when compiling for the common 3x3 and 5x5
/// windows, so that the loop over taps unrolls, or known only at run time for the others.
protocol DepthwiseTaps: Sendable {
    /// The number of taps (kh · kw).
    var count: Int { get }
}

/// The 9 taps of a 3x3 window.
struct NineTaps: DepthwiseTaps {
    var count: Int { 9 }
}

/// The 25 taps of a 5x5 window.
struct TwentyFiveTaps: DepthwiseTaps {
    var count: Int { 25 }
}

/// The taps of any other window.
struct RuntimeTaps: DepthwiseTaps {
    let count: Int
}

/// Four vectors of 16 outputs each: the unit of work of the depthwise kernels.
typealias DepthwiseBlock = (FloatVector, FloatVector, FloatVector, FloatVector)

extension DepthwiseTaps {
    /// The window sums of the four vectors of outputs at `positions` (in the copy's numbering
    /// `q = oh·pitch + ow`, see `DepthwisePlane`), each starting from `start` (the bias): per
    /// tap, one broadcast weight multiplied into all four, so that four independent chains of
    /// fused multiply-adds hide each other's latency.
    @inline(__always)
    func sums(copy: UnsafePointer<Float>, offsets: UnsafePointer<Int>, weights: UnsafePointer<Float>,
              start: FloatVector, at positions: (Int, Int, Int, Int)) -> DepthwiseBlock {
        var sums = (start, start, start, start)
        for tap in 0..<count {
            let weight = FloatVector(repeating: weights[tap]), source = copy + offsets[tap]
            sums.0.addProduct(weight, source.loadFloatVector(at: positions.0))
            sums.1.addProduct(weight, source.loadFloatVector(at: positions.1))
            sums.2.addProduct(weight, source.loadFloatVector(at: positions.2))
            sums.3.addProduct(weight, source.loadFloatVector(at: positions.3))
        }
        return sums
    }
}
