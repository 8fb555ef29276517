/// A band of one image's rows copied zero-padded, each row split into its `sw` column phases
/// (phase φ holds padded columns φ, φ + sw, φ + 2·sw, …), so that every tap of a conv window with
/// width stride `sw` reads consecutive floats: the tap (kh, kw) of output (oh, ow) reads padded
/// element (oh·sh + kh·dh, ow·sw + kw·dw), which is element `ow + ⌊kw·dw / sw⌋` of phase
/// `kw·dw mod sw` in padded row `oh·sh + kh·dh`.
///
/// Layout, in floats: channel-major, then padded rows, then phases of `phaseWidth` floats each:
/// the elements the taps read. Vector reads past a row's end read the next row (lanes the
/// reader discards); a band has `slackFloats` after its end for the last one.
struct PhaseSplitImage: Sendable {
    /// The image's channels, height and width.
    let channels: Int, height: Int, width: Int
    /// The output height and width.
    let outputHeight: Int, outputWidth: Int
    /// Strides, dilations and leading pads (height, width).
    let strideHeight: Int, strideWidth: Int
    let dilationHeight: Int, dilationWidth: Int
    let padTop: Int, padLeft: Int
    /// The kernel height and width.
    let kernelHeight: Int, kernelWidth: Int
    /// Floats per phase of a row: the output width plus the largest tap shift.
    let phaseWidth: Int
    /// At width stride 2, where phases 0 and 1 of a row hold image data.
    private let pairRuns: (low: PairRun, high: PairRun)

    /// Where a phase holds image data at width stride 2: from element `first` on, `count`
    /// elements, element `first + m` holding image column `2·m + parity`.
    private struct PairRun {
        let first: Int, count: Int, parity: Int
    }

    /// Floats past a band's end that vector reads may touch.
    static let slackFloats = 16

    /// The layout of `geometry`'s image (2-D: depth 1).
    init(_ geometry: ConvolutionGeometry) {
        channels = geometry.inputChannels
        (height, width) = (geometry.inputSize[1], geometry.inputSize[2])
        (outputHeight, outputWidth) = (geometry.outputSize[1], geometry.outputSize[2])
        (strideHeight, strideWidth) = (geometry.strides[1], geometry.strides[2])
        (dilationHeight, dilationWidth) = (geometry.dilations[1], geometry.dilations[2])
        (padTop, padLeft) = (geometry.padsBegin[1], geometry.padsBegin[2])
        (kernelHeight, kernelWidth) = (geometry.kernel[1], geometry.kernel[2])
        phaseWidth = outputWidth + (kernelWidth - 1) * dilationWidth / strideWidth
        pairRuns = (Self.pairRun(phase: 0, width: width, padLeft: padLeft, phaseWidth: phaseWidth),
                    Self.pairRun(phase: 1, width: width, padLeft: padLeft, phaseWidth: phaseWidth))
    }

    /// Floats between consecutive padded rows.
    var rowStride: Int { strideWidth * phaseWidth }

    /// The padded rows output rows `rows` read.
    func paddedRows(for rows: Range<Int>) -> Range<Int> {
        guard !rows.isEmpty else { return 0..<0 }
        return (rows.lowerBound * strideHeight)..<((rows.upperBound - 1) * strideHeight + (kernelHeight - 1) * dilationHeight + 1)
    }

    /// The floats of a band holding `paddedRows` rows of every channel, with its slack.
    func bandFloats(paddedRows: Int) -> Int { channels * paddedRows * rowStride + Self.slackFloats }

    /// The most output rows whose band fits in `bytes` (at least 1).
    func outputRows(fittingIn bytes: Int) -> Int {
        let extent = (kernelHeight - 1) * dilationHeight + 1
        let rows = (bytes / MemoryLayout<Float>.stride - Self.slackFloats) / max(1, channels * rowStride)
        return max(1, (rows - extent) / strideHeight + 1)
    }

    /// For each row of the column matrix (channel, kh, kw, in a conv weight's order), where its
    /// tap reads, relative to the read of output (oh, ow) at `oh·sh·rowStride + ow`, in a band
    /// of `paddedRows` rows starting at padded row 0.
    func tapOffsets(paddedRows: Int) -> [Int] {
        var offsets: [Int] = []
        offsets.reserveCapacity(channels * kernelHeight * kernelWidth)
        for channel in 0..<channels {
            for kh in 0..<kernelHeight {
                for kw in 0..<kernelWidth {
                    let column = kw * dilationWidth
                    offsets.append((channel * paddedRows + kh * dilationHeight) * rowStride
                                   + column % strideWidth * phaseWidth + column / strideWidth)
                }
            }
        }
        return offsets
    }

    /// Copies padded rows `rows` of `image` (`channels × height × width`, with `readable`
    /// floats from it on) into `band`, whose first row is padded row `rows.lowerBound` and which
    /// holds `bandRows` (at least `rows.count`) rows per channel.
    func fill(_ band: UnsafeMutablePointer<Float>, rows: Range<Int>, from image: UnsafePointer<Float>, readable: Int,
              bandRows: Int) {
        for channel in 0..<channels {
            var destination = band + channel &* bandRows &* rowStride
            for row in rows {
                defer { destination += rowStride }
                let imageRow = row &- padTop
                guard imageRow >= 0 && imageRow < height else {
                    Self.zero(destination, count: rowStride)
                    continue
                }
                let source = (channel &* height &+ imageRow) &* width
                if strideWidth == 2 {
                    splitPairs(image + source, readable: readable &- source, into: destination)
                } else {
                    gather(image, readable: readable, source: source, into: destination)
                }
            }
        }
    }

    /// Where phase `phase` of an image row `width` wide with `padLeft` leading pads holds
    /// image data at width stride 2.
    private static func pairRun(phase: Int, width: Int, padLeft: Int, phaseWidth: Int) -> PairRun {
        let parity = (phase + padLeft) & 1, first = min(phaseWidth, (padLeft - phase + 1) >> 1)
        return PairRun(first: first, count: max(0, min((width - parity + 1) >> 1, phaseWidth - first)), parity: parity)
    }

    /// Splits one image row (`readable` floats from `source` on) into its two phases at
    /// `destination` (width stride 2): each 32 image columns are loaded once and their even and
    /// odd lanes stored to the two phases, and only the border floats are zeroed. The chunks run
    /// backwards, the phase first in memory stored first, so that whatever a vector writes past
    /// its phase's data (at most 15 floats, into the next phase, the next row or the band's
    /// slack) is overwritten later, by data or by the borders, which are zeroed last.
    @inline(__always)
    private func splitPairs(_ source: UnsafePointer<Float>, readable: Int, into destination: UnsafeMutablePointer<Float>) {
        let (low, high) = pairRuns
        let lowData = destination + low.first, highData = destination + phaseWidth + high.first
        let pairs = max(low.count, high.count)
        let vectorChunks = min((pairs &+ 15) >> 4, readable >> 5)
        var pair = vectorChunks << 4
        while pair < pairs {
            if pair < low.count { lowData[pair] = source[2 &* pair &+ low.parity] }
            if pair < high.count { highData[pair] = source[2 &* pair &+ high.parity] }
            pair &+= 1
        }
        var chunk = vectorChunks
        while chunk > 0 {
            chunk &-= 1
            let first = chunk << 4
            let values = SIMD32(lowHalf: source.loadFloatVector(at: 2 &* first), highHalf: source.loadFloatVector(at: 2 &* first &+ 16))
            let (lowValues, highValues) = low.parity == 0 ? (values.evenHalf, values.oddHalf) : (values.oddHalf, values.evenHalf)
            if first < low.count { lowData.storeFloatVector(lowValues, at: first) }
            if first < high.count { highData.storeFloatVector(highValues, at: first) }
        }
        zeroBorders(of: destination, run: low)
        zeroBorders(of: destination + phaseWidth, run: high)
    }

    /// Zeroes the elements of the phase at `phase` outside `run`.
    @inline(__always)
    private func zeroBorders(of phase: UnsafeMutablePointer<Float>, run: PairRun) {
        Self.zero(phase, count: run.first)
        Self.zero(phase + (run.first &+ run.count), count: phaseWidth &- run.first &- run.count)
    }

    /// Copies one image row (from `image + source`) into its phases at `destination`, at any
    /// width stride, through `ColumnGather`.
    private func gather(_ image: UnsafePointer<Float>, readable: Int, source: Int, into destination: UnsafeMutablePointer<Float>) {
        let gather = ColumnGather(image: image, readable: readable, columns: destination, spills: true)
        for phase in 0..<strideWidth {
            // Phase element j is padded column j·sw + phase, image column j·sw + phase − padLeft.
            let first = min(phaseWidth, max(0, ceilingDivision(padLeft - phase, strideWidth)))
            let end = max(first, min(phaseWidth, floorDivision(width - 1 + padLeft - phase, strideWidth) + 1))
            let start = phase * phaseWidth
            if first > 0 { gather.pad(column: start, count: first) }
            if end > first {
                gather.transfer(column: start + first, image: source + first * strideWidth + phase - padLeft,
                                count: end - first, step: strideWidth)
            }
            if phaseWidth > end { gather.pad(column: start + end, count: phaseWidth - end) }
        }
    }

    /// Writes `count` zeros from `destination` on, and nothing past them.
    @inline(__always)
    private static func zero(_ destination: UnsafeMutablePointer<Float>, count: Int) {
        var index = 0
        while index &+ 16 <= count {
            destination.storeFloatVector(FloatVector(), at: index)
            index &+= 16
        }
        while index < count {
            destination[index] = 0
            index &+= 1
        }
    }
}
