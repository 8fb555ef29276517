/// The row loops of `PoolGradientKernel`, on plain-pointer views of the pool axes.
struct PoolGradientRows {
    /// The depth, height and width axes.
    let depth: PoolAxisView, height: PoolAxisView, width: PoolAxisView
    /// avg_pool_grad's count_include_pad.
    let countsPadding: Bool

    /// Whether every plane offset fits the 32-bit lanes of `MaxPoolRow`.
    private var hasSmallPlanes: Bool { depth.inputSize * height.inputSize * width.inputSize < Int(Int32.max) }

    /// max_pool_grad of output row (od, oh): `dy` is the row's gradient, `offsets` scratch for
    /// one offset per window.
    @inline(__always)
    func passToMaxima(_ x: UnsafePointer<Float>, _ dy: UnsafePointer<Float>, _ dx: UnsafeMutablePointer<Float>,
                              _ od: Int, _ oh: Int, _ offsets: UnsafeMutablePointer<Int>) {
        guard depth.validTaps(od) > 0 && height.validTaps(oh) > 0 else { return }
        let interior = width.interior
        var ow = 0
        if (width.stride == 1 || width.stride == 2) && interior.count >= 16 && hasSmallPlanes {
            while ow < interior.lowerBound {
                offsets[ow] = argmax(x, od, oh, ow)
                ow += 1
            }
            let row = MaxPoolRow(depth: depth, height: height, width: width, od: od, oh: oh)
            while ow + 16 <= interior.upperBound {
                row.argmax(x, first: ow, into: offsets + ow)
                ow += 16
            }
        }
        while ow < width.outputSize {
            offsets[ow] = argmax(x, od, oh, ow)
            ow += 1
        }
        for window in 0..<width.outputSize where offsets[window] >= 0 { dx[offsets[window]] += dy[window] }
    }

    /// The plane offset of the first largest tap inside x of window (od, oh, ow), −1 if none.
    @inline(__always)
    private func argmax(_ x: UnsafePointer<Float>, _ od: Int, _ oh: Int, _ ow: Int) -> Int {
        let (d0, h0, w0) = (depth.start(od), height.start(oh), width.start(ow))
        let widthTaps = width.taps(ow)
        var best: Float = 0, bestOffset = -1
        for kd in depth.taps(od) {
            let planeOffset = (d0 &+ kd &* depth.dilation) &* height.inputSize
            for kh in height.taps(oh) {
                let rowOffset = (planeOffset &+ h0 &+ kh &* height.dilation) &* width.inputSize &+ w0
                for kw in widthTaps {
                    let offset = rowOffset &+ kw &* width.dilation, value = x[offset]
                    let replaces = bestOffset < 0 || value > best
                    best = replaces ? value : best
                    bestOffset = replaces ? offset : bestOffset
                }
            }
        }
        return bestOffset
    }

    /// avg_pool_grad of output row (od, oh): `dy` is the row's gradient, `shares` scratch for one
    /// share per window.
    @inline(__always)
    func spread(_ dy: UnsafePointer<Float>, _ dx: UnsafeMutablePointer<Float>, _ od: Int, _ oh: Int,
                        _ shares: UnsafeMutablePointer<Float>) {
        guard depth.validTaps(od) > 0 && height.validTaps(oh) > 0 else { return }
        for ow in 0..<width.outputSize {
            let divisor = countsPadding
                ? depth.paddedTaps[od] * height.paddedTaps[oh] * width.paddedTaps[ow]
                : depth.validTaps(od) * height.validTaps(oh) * width.validTaps(ow)
            shares[ow] = dy[ow] / Float(divisor)
        }
        let (d0, h0) = (depth.start(od), height.start(oh))
        let interior = width.interior, stride = width.stride, dilation = width.dilation
        for kd in depth.taps(od) {
            let planeOffset = (d0 &+ kd &* depth.dilation) &* height.inputSize
            for kh in height.taps(oh) {
                let row = dx + (planeOffset &+ h0 &+ kh &* height.dilation) &* width.inputSize
                for ow in 0..<width.outputSize where !interior.contains(ow) {
                    let start = width.start(ow)
                    for kw in width.taps(ow) { row[start &+ kw &* dilation] += shares[ow] }
                }
                guard !interior.isEmpty else { continue }
                let first = row + width.start(interior.lowerBound), count = interior.count
                for kw in 0..<width.kernel {
                    let taps = first + kw &* dilation, source = UnsafePointer(shares + interior.lowerBound)
                    var index = 0
                    if stride == 1 {
                        while index + 16 <= count {
                            taps.storeFloatVector(UnsafePointer(taps).loadFloatVector(at: index) + source.loadFloatVector(at: index), at: index)
                            index += 16
                        }
                    }
                    while index < count {
                        taps[index &* stride] += source[index]
                        index += 1
                    }
                }
            }
        }
    }
}
