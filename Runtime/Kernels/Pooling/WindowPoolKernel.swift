/// max_pool and avg_pool over 1 to 3 spatial axes (seen as depth × height × width, missing
/// axes of size 1), for every stride, dilation, pad, ceil_mode and count_include_pad.
///
/// Windows wholly inside the input along the width, with a width stride of 1 or 2 and at least
/// 16 such windows per row, are computed 16 at a time with no bounds checks along the width
/// (the last run of 16 overlapping the previous one; stride 2 takes the even lanes of two
/// overlapping loads, reading nothing past the last tap); along depth and height a row's taps
/// inside the input are the same for every window. Every other window takes the general path,
/// which visits only the taps inside the input (from `PoolAxis`).
///
/// The kernel is not generic: `run` picks the reduction once and runs loops specialized for it.
struct WindowPoolKernel: Kernel {
    let name: String
    /// The number of `[n, c]` planes.
    let planes: Int
    /// The depth, height and width axes.
    let depth: PoolAxis, height: PoolAxis, width: PoolAxis
    /// The window reduction.
    let reduction: PoolReductionKind

    var workspaceBytes: Int { 0 }

    func run(_ buffers: KernelBuffers, context: KernelContext) {
        switch reduction {
        case .maximum: pool(MaximumReduction(), buffers)
        case .average(let countsPadding): pool(AverageReduction(countsPadding: countsPadding), buffers)
        }
    }

    /// Every window of every plane.
    @inline(__always)
    private func pool<Reduction: PoolReduction>(_ reduction: Reduction, _ buffers: KernelBuffers) {
        let x = buffers.floatInput(0), y = buffers.floatOutput(0)
        let inputPlane = depth.inputSize * height.inputSize * width.inputSize
        let outputPlane = depth.outputSize * height.outputSize * width.outputSize
        let vectorized = width.stride <= 2 && width.interior.count >= 16
        for plane in 0..<planes {
            let input = x + plane * inputPlane
            var output = y + plane * outputPlane
            for od in 0..<depth.outputSize {
                for oh in 0..<height.outputSize {
                    var ow = 0
                    if vectorized {
                        while ow < width.interior.lowerBound {
                            output[ow] = window(reduction, input, od, oh, ow)
                            ow += 1
                        }
                        // The last run of 16 overlaps the one before instead of leaving a remainder.
                        while ow < width.interior.upperBound {
                            let start = min(ow, width.interior.upperBound - 16)
                            output.storeFloatVector(interiorWindows(reduction, input, od, oh, start), at: start)
                            ow = start + 16
                        }
                    }
                    while ow < width.outputSize {
                        output[ow] = window(reduction, input, od, oh, ow)
                        ow += 1
                    }
                    output += width.outputSize
                }
            }
        }
    }

    /// One window, visiting only its taps inside the input.
    @inline(__always)
    private func window<Reduction: PoolReduction>(_ reduction: Reduction, _ x: UnsafePointer<Float>,
                                                  _ od: Int, _ oh: Int, _ ow: Int) -> Float {
        var running = reduction.initial
        let (d0, h0, w0) = (depth.start(od), height.start(oh), width.start(ow))
        let (firstW, endW) = (width.firstTap[ow], width.endTap[ow])
        for kd in depth.firstTap[od]..<depth.endTap[od] {
            let planeOffset = (d0 &+ kd &* depth.dilation) &* height.inputSize
            for kh in height.firstTap[oh]..<height.endTap[oh] {
                let rowOffset = (planeOffset &+ h0 &+ kh &* height.dilation) &* width.inputSize &+ w0
                for kw in firstW..<endW {
                    running = reduction.combine(running, x[rowOffset &+ kw &* width.dilation])
                }
            }
        }
        let valid = depth.validTaps(od) * height.validTaps(oh) * width.validTaps(ow)
        let padded = depth.paddedTaps[od] * height.paddedTaps[oh] * width.paddedTaps[ow]
        return reduction.finish(running, valid: valid, padded: padded)
    }

    /// Windows `ow..<ow + 16` of row `(od, oh)`, all wholly inside the input along the width
    /// (width stride 1 or 2); along depth and height the row's taps inside the input are the same
    /// for all 16.
    @inline(__always)
    private func interiorWindows<Reduction: PoolReduction>(_ reduction: Reduction, _ x: UnsafePointer<Float>,
                                                           _ od: Int, _ oh: Int, _ ow: Int) -> FloatVector {
        var running = FloatVector(repeating: reduction.initial)
        let (d0, h0, w0) = (depth.start(od), height.start(oh), width.start(ow))
        for kd in depth.firstTap[od]..<depth.endTap[od] {
            let planeOffset = (d0 &+ kd &* depth.dilation) &* height.inputSize
            for kh in height.firstTap[oh]..<height.endTap[oh] {
                let rowOffset = (planeOffset &+ h0 &+ kh &* height.dilation) &* width.inputSize &+ w0
                for kw in 0..<width.kernel {
                    let offset = rowOffset &+ kw &* width.dilation
                    let values = width.stride == 1
                        ? x.loadFloatVector(at: offset)
                        : FloatVector(lowHalf: x.loadFloatVector(at: offset).evenHalf,
                                      highHalf: x.loadFloatVector(at: offset &+ 15).oddHalf)
                    running = reduction.combine(running, values)
                }
            }
        }
        return reduction.finish(running, valid: depth.validTaps(od) * height.validTaps(oh) * width.kernel,
                                padded: depth.paddedTaps[od] * height.paddedTaps[oh] * width.kernel)
    }
}
