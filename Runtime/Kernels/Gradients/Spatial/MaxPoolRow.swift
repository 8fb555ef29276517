/// The windows of one max_pool output row (fixed depth and height) that lie wholly inside x
/// along the width, at width stride 1 or 2: their argmax offsets 16 windows at a time, the
/// 16 running maxima and offsets in registers. Taps are visited in row-major window order and a
/// tap replaces the running maximum only when `>` it, so the first largest tap wins as in max_pool
/// (the first tap starts the maxima: a NaN there stays).
struct MaxPoolRow {
    /// The depth, height and width axes.
    let depth: PoolAxisView, height: PoolAxisView, width: PoolAxisView
    /// The row's depth and height indices.
    let od: Int, oh: Int

    /// The plane offsets of the first largest taps of windows `first..<first + 16`, written to `offsets`.
    @inline(__always)
    func argmax(_ x: UnsafePointer<Float>, first: Int, into offsets: UnsafeMutablePointer<Int>) {
        let (stride, dilation) = (width.stride, width.dilation)
        let lanes = SIMD16<Int32>(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15) &* Int32(stride)
        let (d0, h0, w0) = (depth.start(od), height.start(oh), width.start(first))
        var best = FloatVector(), bestOffsets = SIMD16<Int32>(), started = false
        for kd in depth.taps(od) {
            let planeOffset = (d0 &+ kd &* depth.dilation) &* height.inputSize
            for kh in height.taps(oh) {
                let rowOffset = (planeOffset &+ h0 &+ kh &* height.dilation) &* width.inputSize &+ w0
                for kw in 0..<width.kernel {
                    let offset = rowOffset &+ kw &* dilation
                    let taps = x + offset
                    let values = stride == 1
                        ? taps.loadFloatVector(at: 0)
                        : FloatVector(lowHalf: taps.loadFloatVector(at: 0).evenHalf, highHalf: taps.loadFloatVector(at: 15).oddHalf)
                    let tapOffsets = SIMD16<Int32>(repeating: Int32(truncatingIfNeeded: offset)) &+ lanes
                    if started {
                        let greater = values .> best
                        best.replace(with: values, where: greater)
                        bestOffsets.replace(with: tapOffsets, where: greater)
                    } else {
                        (best, bestOffsets, started) = (values, tapOffsets, true)
                    }
                }
            }
        }
        for lane in 0..<16 { offsets[lane] = Int(bestOffsets[lane]) }
    }
}
