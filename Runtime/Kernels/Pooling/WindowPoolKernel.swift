/// max_pool and avg_pool over 1 to 3 spatial axes (seen as depth × height × width, missing
/// axes of size 1), for every stride, dilation, pad, ceil_mode and count_include_pad.
///
/// Along each output row, the windows lying wholly inside the input along the width need no
/// bounds checks: along depth and height the row's taps inside the input are the same for all
/// of them. With a width stride of 1 or 2 and at least 16 such windows they are computed 16 at a
/// time in a register (the last group of 16 overlapping the one before, which recomputes a few
/// outputs rather than leaving a remainder; stride 2 takes the even lanes of two overlapping
/// loads, reading nothing past the last tap; windows of width 3 at stride 2, the CNN stems' max
/// pools, combine the rows first, `StrideTwoRows`); otherwise one at a time. The windows at the two
/// ends of the row take the general path, which visits only their taps inside the input (from
/// `PoolAxis`). Loop bounds and strides are read into locals once per row, and offsets inside a
/// window use wrapping arithmetic (they lie in the input by construction).
struct WindowPoolKernel: ReducingPoolKernel {
    let name: String
    /// The number of `[n, c]` planes.
    let planes: Int
    /// The depth, height and width axes.
    let depth: PoolAxis, height: PoolAxis, width: PoolAxis
    /// The window reduction.
    let reduction: PoolReductionKind

    var elementsPerPlane: Int { depth.inputSize * height.inputSize * width.inputSize }

    /// Every window of the planes `planes`.
    @inline(__always)
    func pool<Reduction: PoolReduction>(_ reduction: Reduction, _ buffers: KernelBuffers, planes: Range<Int>) {
        let x = buffers.floatInput(0), y = buffers.floatOutput(0)
        let inputPlane = depth.inputSize * height.inputSize * width.inputSize
        let outputPlane = depth.outputSize * height.outputSize * width.outputSize
        let interior = width.interior
        for plane in planes {
            let input = x + plane * inputPlane
            var output = y + plane * outputPlane
            for od in 0..<depth.outputSize {
                for oh in 0..<height.outputSize {
                    for ow in 0..<interior.lowerBound { output[ow] = window(reduction, input, od, oh, ow) }
                    if !interior.isEmpty { interiorRow(reduction, input, output, od, oh) }
                    for ow in max(interior.lowerBound, interior.upperBound)..<width.outputSize {
                        output[ow] = window(reduction, input, od, oh, ow)
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

    /// The windows of `width.interior` in row `(od, oh)`, written from `output[width.interior.lowerBound]` on.
    @inline(__always)
    private func interiorRow<Reduction: PoolReduction>(_ reduction: Reduction, _ x: UnsafePointer<Float>,
                                                       _ output: UnsafeMutablePointer<Float>, _ od: Int, _ oh: Int) {
        let first = width.interior.lowerBound, count = width.interior.count
        let (stride, kernelWidth, widthDilation, inputWidth) = (width.stride, width.kernel, width.dilation, width.inputSize)
        let (depthTaps, heightTaps) = (depth.firstTap[od]..<depth.endTap[od], height.firstTap[oh]..<height.endTap[oh])
        let (depthDilation, heightDilation, inputHeight) = (depth.dilation, height.dilation, height.inputSize)
        let (d0, h0) = (depth.start(od), height.start(oh))
        let row = output + first, input = x + width.start(first)
        let valid = depthTaps.count * heightTaps.count * kernelWidth
        let padded = depth.paddedTaps[od] * height.paddedTaps[oh] * kernelWidth
        if stride == 2 && kernelWidth == 3 && widthDilation == 1 && count >= 16 {
            var index = 0
            while index < count {
                let start = min(index, count - 16)
                var rows = StrideTwoRows(reduction)
                for kd in depthTaps {
                    let planeOffset = (d0 &+ kd &* depthDilation) &* inputHeight
                    for kh in heightTaps {
                        rows.add(input + ((planeOffset &+ h0 &+ kh &* heightDilation) &* inputWidth &+ start &* 2), reduction)
                    }
                }
                row.storeFloatVector(reduction.finish(rows.windows(reduction), valid: valid, padded: padded), at: start)
                index = start + 16
            }
        } else if (stride == 1 || stride == 2) && count >= 16 {
            var index = 0
            while index < count {
                let start = min(index, count - 16)
                var running = FloatVector(repeating: reduction.initial)
                for kd in depthTaps {
                    let planeOffset = (d0 &+ kd &* depthDilation) &* inputHeight
                    for kh in heightTaps {
                        let taps = input + ((planeOffset &+ h0 &+ kh &* heightDilation) &* inputWidth &+ start &* stride)
                        for kw in 0..<kernelWidth {
                            let offset = kw &* widthDilation
                            let values = stride == 1
                                ? taps.loadFloatVector(at: offset)
                                : FloatVector(lowHalf: taps.loadFloatVector(at: offset).evenHalf,
                                              highHalf: taps.loadFloatVector(at: offset &+ 15).oddHalf)
                            running = reduction.combine(running, values)
                        }
                    }
                }
                row.storeFloatVector(reduction.finish(running, valid: valid, padded: padded), at: start)
                index = start + 16
            }
        } else {
            for index in 0..<count {
                var running = reduction.initial
                for kd in depthTaps {
                    let planeOffset = (d0 &+ kd &* depthDilation) &* inputHeight
                    for kh in heightTaps {
                        let taps = input + ((planeOffset &+ h0 &+ kh &* heightDilation) &* inputWidth &+ index &* stride)
                        for kw in 0..<kernelWidth { running = reduction.combine(running, taps[kw &* widthDilation]) }
                    }
                }
                row[index] = reduction.finish(running, valid: valid, padded: padded)
            }
        }
    }
}

/// 16 windows of width 3 and stride 2 along a row, reduced over their rows first: the four
/// vectors of input columns that the windows' taps read (columns 0–15, 16–31, 1–16 and 17–32
/// from the first window's start) are combined across the rows, and only then split into the
/// three taps (even and odd lanes), so that each row costs four loads instead of six loads and
/// six lane extractions.
struct StrideTwoRows {
    /// The column vectors combined over the rows so far.
    var first: FloatVector, second: FloatVector, firstShifted: FloatVector, secondShifted: FloatVector

    /// Nothing combined yet.
    @inline(__always)
    init<Reduction: PoolReduction>(_ reduction: Reduction) {
        let initial = FloatVector(repeating: reduction.initial)
        (first, second, firstShifted, secondShifted) = (initial, initial, initial, initial)
    }

    /// Combines the row starting at `taps` (the first window's first tap).
    @inline(__always)
    mutating func add<Reduction: PoolReduction>(_ taps: UnsafePointer<Float>, _ reduction: Reduction) {
        first = reduction.combine(first, taps.loadFloatVector(at: 0))
        second = reduction.combine(second, taps.loadFloatVector(at: 16))
        firstShifted = reduction.combine(firstShifted, taps.loadFloatVector(at: 1))
        secondShifted = reduction.combine(secondShifted, taps.loadFloatVector(at: 17))
    }

    /// The 16 windows: taps 0, 1 and 2 are the even and odd lanes of columns 0–31 and the odd
    /// lanes of columns 1–32.
    @inline(__always)
    func windows<Reduction: PoolReduction>(_ reduction: Reduction) -> FloatVector {
        let tap0 = FloatVector(lowHalf: first.evenHalf, highHalf: second.evenHalf)
        let tap1 = FloatVector(lowHalf: first.oddHalf, highHalf: second.oddHalf)
        let tap2 = FloatVector(lowHalf: firstShifted.oddHalf, highHalf: secondShifted.oddHalf)
        return reduction.combine(reduction.combine(tap0, tap1), tap2)
    }
}
