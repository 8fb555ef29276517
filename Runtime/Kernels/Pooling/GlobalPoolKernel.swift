/// global_avg_pool and global_max_pool: one reduction over each contiguous `[n, c]` plane,
/// 16 lanes at a time, then across the lanes.
struct GlobalPoolKernel: ReducingPoolKernel {
    let name: String
    /// The number of `[n, c]` planes.
    let planes: Int
    /// The elements of one plane.
    let planeSize: Int
    /// The reduction (an average's divisor is the plane size).
    let reduction: PoolReductionKind

    var elementsPerPlane: Int { planeSize }

    /// Each plane of `planes` reduced to one value.
    @inline(__always)
    func pool<Reduction: PoolReduction>(_ reduction: Reduction, _ buffers: KernelBuffers, planes: Range<Int>) {
        let x = buffers.floatInput(0), y = buffers.floatOutput(0)
        for plane in planes {
            let values = x + plane * planeSize
            var lanes = FloatVector(repeating: reduction.initial)
            var index = 0
            while index + 16 <= planeSize {
                lanes = reduction.combine(lanes, values.loadFloatVector(at: index))
                index += 16
            }
            var running = reduction.initial
            for lane in 0..<16 { running = reduction.combine(running, lanes[lane]) }
            while index < planeSize {
                running = reduction.combine(running, values[index])
                index += 1
            }
            y[plane] = reduction.finish(running, valid: planeSize, padded: planeSize)
        }
    }
}
