import CNNIR

/// A window sliding over the k spatial axes of an `[N, C, spatial...]` array: what conv,
/// conv_transpose and the pools share.
///
/// Window position `o` (a multi-index over `outputSize`) and kernel position `k` touch the
/// input position `p = o * stride - padBegin + k * dilation` on every axis. Positions outside
/// `0..<inputSize` are padding.
struct WindowGeometry {
    /// The spatial sizes of the array the window slides over.
    var inputSize: [Int]
    /// The number of window positions on every axis.
    var outputSize: [Int]
    /// The kernel size on every axis.
    var kernel: [Int]
    /// The step between window positions on every axis.
    var strides: [Int]
    /// The step between kernel taps on every axis.
    var dilations: [Int]
    /// The padding before the input on every axis.
    var padsBegin: [Int]
    /// The padding after the input on every axis.
    var padsEnd: [Int]

    /// One kernel position of one window that falls inside the input.
    struct Tap {
        /// The row-major offset of the kernel position within the kernel.
        var kernelOffset: Int
        /// The row-major offset of the input position within one spatial plane of the input.
        var inputOffset: Int
    }

    /// The first largest of `values[base + tap.inputOffset]` over `taps` (a NaN in the first tap
    /// stays, a later one never wins), with its input offset: max_pool's value and argmax, and
    /// where max_pool_grad sends the window's gradient. Nil for a window with no tap inside x.
    static func firstMaximum(of values: [Double], base: Int, taps: [Tap]) -> (value: Double, offset: Int)? {
        var best: (value: Double, offset: Int)?
        for tap in taps {
            let value = values[base + tap.inputOffset]
            if best.map({ value > $0.value }) ?? true { best = (value, tap.inputOffset) }
        }
        return best
    }

    /// Calls `body` once per window position, in row-major order, with the row-major offset of
    /// the position within one output plane, the taps that fall inside the input, and the number
    /// of taps that fall inside the padded input (input plus `padsBegin` and `padsEnd`).
    func forEachWindow(_ body: (_ outputOffset: Int, _ taps: [Tap], _ paddedTapCount: Int) throws -> Void) rethrows {
        var kernelPositions: [[Int]] = []
        forEachIndex(in: kernel) { kernelPositions.append($0) }
        let inputStrides = rowMajorStrides(inputSize)
        var outputOffset = 0
        try forEachIndex(in: outputSize) { window in
            var taps: [Tap] = []
            var paddedTapCount = 0
            for (kernelOffset, position) in kernelPositions.enumerated() {
                var insideInput = true, insidePadded = true
                var inputOffset = 0
                for axis in window.indices {
                    let p = window[axis] * strides[axis] - padsBegin[axis] + position[axis] * dilations[axis]
                    if p < -padsBegin[axis] || p >= inputSize[axis] + padsEnd[axis] { insidePadded = false }
                    if p < 0 || p >= inputSize[axis] { insideInput = false } else { inputOffset += p * inputStrides[axis] }
                }
                if insidePadded { paddedTapCount += 1 }
                if insideInput { taps.append(Tap(kernelOffset: kernelOffset, inputOffset: inputOffset)) }
            }
            try body(outputOffset, taps, paddedTapCount)
            outputOffset += 1
        }
    }

    /// The geometry of a `kernel` sliding over `inputSize`, from the invocation's `strides`,
    /// `pads`, `auto_pad`, and (for the ops that have them) `dilations` and `ceil_mode`.
    ///
    /// Output size per axis, with `dk = (kernel - 1) * dilation + 1`:
    /// `floor((in + padBegin + padEnd - dk) / stride) + 1`, or with `ceil_mode` the ceiling,
    /// less one if the last window would start past the input and the begin padding.
    /// `auto_pad` same_upper/same_lower pads `max(0, (ceil(in/stride) - 1) * stride + dk - in)`
    /// in total, the odd unit at the end (upper) or the beginning (lower); valid pads nothing.
    static func sliding(over inputSize: [Int], kernel: [Int], _ invocation: ReferenceInvocation) throws -> WindowGeometry {
        let rank = inputSize.count
        let strides = try spatialList("strides", of: invocation, count: rank, default: 1, minimum: 1)
        let dilations = try spatialList("dilations", of: invocation, count: rank, default: 1, minimum: 1)
        let pads = try spatialList("pads", of: invocation, count: 2 * rank, default: 0, minimum: 0)
        let ceilMode = invocation.attributes["ceil_mode"] == nil ? false : try invocation.bool("ceil_mode")
        let autoPad = try invocation.choice("auto_pad", ["notset", "same_upper", "same_lower", "valid"])
        var padsBegin = Array(pads[0..<rank]), padsEnd = Array(pads[rank...])
        var outputSize: [Int] = []
        for axis in 0..<rank {
            let extent = (kernel[axis] - 1) * dilations[axis] + 1
            if autoPad == "valid" {
                padsBegin[axis] = 0
                padsEnd[axis] = 0
            } else if autoPad != "notset" {
                let output = (inputSize[axis] + strides[axis] - 1) / strides[axis]
                let total = max(0, (output - 1) * strides[axis] + extent - inputSize[axis])
                padsBegin[axis] = autoPad == "same_upper" ? total / 2 : total - total / 2
                padsEnd[axis] = total - padsBegin[axis]
            }
            let span = inputSize[axis] + padsBegin[axis] + padsEnd[axis] - extent
            guard span >= 0 else {
                throw Diagnostic("a window of extent \(extent) does not fit spatial axis \(axis) of size \(inputSize[axis]) with pads \(padsBegin[axis]) and \(padsEnd[axis])")
            }
            var size = (ceilMode ? (span + strides[axis] - 1) / strides[axis] : span / strides[axis]) + 1
            if ceilMode && (size - 1) * strides[axis] >= inputSize[axis] + padsBegin[axis] { size -= 1 }
            outputSize.append(size)
        }
        return WindowGeometry(inputSize: inputSize, outputSize: outputSize, kernel: kernel, strides: strides,
                              dilations: dilations, padsBegin: padsBegin, padsEnd: padsEnd)
    }

    /// A per-axis list attribute: the op's value, `default` on every axis when the op gives an
    /// empty list or has no such attribute. Throws unless it has `count` entries of at least `minimum`.
    static func spatialList(_ name: String, of invocation: ReferenceInvocation, count: Int,
                            default defaultValue: Int, minimum: Int) throws -> [Int] {
        let given = invocation.attributes[name] == nil ? [] : try invocation.ints(name)
        if given.isEmpty { return Array(repeating: defaultValue, count: count) }
        guard given.count == count else {
            throw Diagnostic("attribute '\(name)' needs \(count) entries for this input, found \(given.count)")
        }
        guard given.allSatisfy({ $0 >= minimum }) else {
            throw Diagnostic("attribute '\(name)' entries must be at least \(minimum), found \(describe(given))")
        }
        return given
    }
}

/// The layout `[N, C, spatial...]` of an operand of a spatial op: batch, channels and the k
/// spatial sizes (k = 1, 2 or 3). Throws a `Diagnostic` naming `what` for another rank.
func spatialLayout(_ shape: [Int], _ what: String) throws -> (batch: Int, channels: Int, spatial: [Int]) {
    guard (3...5).contains(shape.count) else {
        throw Diagnostic("\(what) must be [N, C, spatial...] with 1 to 3 spatial axes, found shape \(describe(shape))")
    }
    return (shape[0], shape[1], Array(shape[2...]))
}
