import CNNGEMM

/// max_pool_grad and avg_pool_grad over 1 to 3 spatial axes (seen as depth × height × width,
/// missing axes of size 1), for every stride, dilation, pad, ceil_mode and count_include_pad.
///
/// Each `[n, c]` plane of dx is cleared, then each output row (fixed depth and height) passes
/// its dy on:
/// - max_pool_grad: to each window's first largest tap inside x (max_pool's argmax, by `>` in
///   row-major window order). The argmax offsets of the row are found first — 16 windows at a
///   time in registers for the windows lying wholly inside x along the width at width stride 1
///   or 2 (`MaxPoolRow`), one at a time for the others — then dy is added at them in window order.
/// - avg_pool_grad: dy divided by avg_pool's divisor, to every tap inside x, one kernel row at a
///   time; along the width the windows wholly inside x add 16 at a time at width stride 1.
/// The taps inside x come from `PoolAxis`. Threads take contiguous ranges of planes, so each
/// element of dx is summed by one thread in an order fixed by the shape.
struct PoolGradientKernel: Kernel {
    let name: String
    /// The number of `[n, c]` planes.
    let planes: Int
    /// The depth, height and width axes.
    let depth: PoolAxis, height: PoolAxis, width: PoolAxis
    /// Whether this is max_pool_grad (else avg_pool_grad).
    let selectsMaximum: Bool
    /// avg_pool_grad's count_include_pad.
    let countsPadding: Bool

    var workspaceBytes: Int { 0 }

    /// The elements of x below which a run stays on one thread (starting the others costs more).
    static let elementsPerThread = 1 << 14

    func run(_ buffers: KernelBuffers, context: KernelContext) {
        let x = buffers.floatInput(0), dy = buffers.floatInput(1), dx = buffers.floatOutput(0)
        let rows = PoolGradientRows(depth: PoolAxisView(depth), height: PoolAxisView(height), width: PoolAxisView(width),
                                    countsPadding: countsPadding)
        let inputPlane = depth.inputSize * height.inputSize * width.inputSize
        let outputPlane = depth.outputSize * height.outputSize * width.outputSize
        let (planes, selectsMaximum) = (planes, selectsMaximum)
        let (outputDepth, outputHeight, outputWidth) = (depth.outputSize, height.outputSize, width.outputSize)
        let parts = max(1, min(context.threadCount, planes, planes * inputPlane / Self.elementsPerThread))
        WorkerPool.shared.run(parts: parts) { part in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: outputWidth) { offsets in
                withUnsafeTemporaryAllocation(of: Float.self, capacity: outputWidth) { shares in
                    guard let offsets = offsets.baseAddress, let shares = shares.baseAddress else { return }
                    for plane in equalShare(part, of: parts, planes) {
                        let gradient = dx + plane * inputPlane
                        gradient.update(repeating: 0, count: inputPlane)
                        var output = dy + plane * outputPlane
                        for od in 0..<outputDepth {
                            for oh in 0..<outputHeight {
                                if selectsMaximum {
                                    rows.passToMaxima(x + plane * inputPlane, output, gradient, od, oh, offsets)
                                } else {
                                    rows.spread(output, gradient, od, oh, shares)
                                }
                                output += outputWidth
                            }
                        }
                    }
                }
            }
        }
    }
}
