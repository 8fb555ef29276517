import CNNDepthwiseKernels

/// The order in which a depthwise kernel computes the outputs of one plane, in blocks of four
/// vectors of 16 outputs (`DepthwiseRows`).
///
/// - Rows (output width ≥ 16): each block covers `rowsPerBlock` rows (1, 2 or 4) and
///   `4 / rowsPerBlock` vectors of each row, chosen to compute the fewest outputs (on AVX-512,
///   stacked blocks of four rows that share their loads, up to a quarter more outputs). A
///   vector that would pass the row's end starts at `OW − 16` instead, and a row past the last
///   one is the last row (a stacked block moves up instead): blocks then overlap and compute
///   some outputs twice, which is harmless (the outputs are a pure function of the inputs) and
///   leaves no tail. Outputs are stored with their epilogue applied in registers.
/// - Flat (narrow maps): the positions `q = oh·pitch + ow` of every row form one line, swept
///   with whole vectors whatever the row width (the `pitch − OW` positions between rows are
///   computed and dropped); the sums go to scratch, and each row is then finished and stored
///   with one vector that may run into the next row, which is stored after it. The last row
///   of a thread's planes stores only its own lanes.
///
/// The plane's copy is written during the sweep, a few rows ahead of the outputs that read
/// them; activations that cannot be applied in registers run over the stored rows a piece of
/// the plane at a time.
///
/// - Direct (on AVX-512, stacked blocks of a 3x3 or 5x5 window at stride and dilation 1 with
///   input and output rows of 16 or more columns or output rows of `strideOneNarrowest` to 15
///   columns, or of a 3x3 window at stride 2 and dilation 1 with output rows of
///   `strideTwoNarrowest` or more columns; at most 16 padding columns a side):
///   no copy; the blocks read the input rows themselves, a row of zeros standing for each
///   padding row and the lanes that fall in the padding columns set to zero
///   (`DepthwiseRowSource`); at stride 2 the even and odd columns are split in registers. The
///   outputs are the same bits.
struct DepthwiseSweep: Sendable {
    /// The plane's layout.
    let plane: DepthwisePlane
    let outputHeight: Int, outputWidth: Int, pitch: Int
    /// Rows per block of a row sweep; 0 for the flat sweep.
    let rowsPerBlock: Int
    /// Whether blocks of four rows share their loads (`DepthwisePlaneRun.stacksRows`): a
    /// square 3x3 or 5x5 window whose tap row `i` reads the copy `i` rows down, on AVX-512 (on
    /// AVX2 the shared rows do not fit in the registers, and stacking is slower).
    let stacksRows: Bool
    /// Whether the blocks read the input rows instead of a copy (the direct sweep).
    let readsInput: Bool
    /// The floats the direct sweep reads past the end of an input row (whole vectors that run
    /// into the padding columns and beyond).
    let overhang: Int
    /// The direct sweep's lane masks (`DepthwiseRowSource.laneMasks`); empty for the others.
    let laneMasks: [UInt32]
    /// The direct sweep's masks of tap columns at stride 2 (`DepthwiseRowSource.tapColumnMasks`)
    /// when its rows hold at most 8 outputs; empty for the others.
    let tapColumnMasks: [UInt32]

    /// The floats of scratch the flat sweep needs (0 for a row sweep).
    var scratchFloats: Int { rowsPerBlock == 0 ? (outputHeight - 1) * pitch + 16 : 0 }
    /// The floats of each row the direct sweep keeps in the copy's room (a row of zeros, and
    /// copies of the input rows that may not be read in place: the first, and the last ones,
    /// whose reads reach past the input's end): the input row's width with `directRowMargin`
    /// floats on both sides.
    var directRowFloats: Int { plane.inputWidth + 2 * Self.directRowMargin }
    /// The floats the direct sweep keeps in the copy's room: the row of zeros, the first row,
    /// and the last rows (those that hold the last `overhang` ≤ `directRowMargin` floats
    /// before the input's end and the row they start in).
    var directFloats: Int { 3 * directRowFloats + Self.directRowMargin }
    /// The floats before and after each of the direct sweep's rows: more than it reads before
    /// (16 at most) and past (`overhang`) a row.
    static let directRowMargin = 32
    /// The narrowest output rows of a 3x3 window at stride 2 that the direct sweep takes (half
    /// a vector per row up to 8 outputs, one vector up to 16): narrower rows waste more lanes
    /// than the flat sweep.
    static let strideTwoNarrowest = 4
    /// The narrowest output rows of a 3x3 or 5x5 window at stride 1 that the direct sweep
    /// takes (one vector per row): narrower rows waste more lanes than the flat sweep.
    static let strideOneNarrowest = 8

    /// The sweep of `plane` for the row kernels `code`.
    init(_ plane: DepthwisePlane, code: DepthwiseCode) {
        self.plane = plane
        (outputHeight, outputWidth, pitch) = (plane.outputHeight, plane.outputWidth, plane.pitch)
        let offsets = plane.tapOffsets, side = offsets.count == 9 ? 3 : 5, pitch = plane.pitch
        stacksRows = code == .avx512 && (offsets.count == 9 || offsets.count == 25) && plane.outputHeight >= 4
            && (0..<offsets.count).allSatisfy { offsets[$0] == offsets[$0 % side] + $0 / side * pitch }
        // The direct sweep's last vector of a row, at output column max(0, OW − 16), reads from
        // input column max(0, OW − 16)·s − padLeft on: 16 columns for each of the tap columns
        // at stride 1, the two pairs of vectors of `DepthwiseRows.strideTwoSums` (at +0 and
        // +18, each 16 wide) at stride 2.
        overhang = plane.strideWidth == 1 ? max(16, outputWidth) - outputWidth + plane.rowLength - plane.padLeft - plane.inputWidth
            : 2 * max(0, outputWidth - 16) + 34 - plane.padLeft - plane.inputWidth
        let readsInputAtStrideTwo = code == .avx512 && plane.strideHeight == 2 && plane.strideWidth == 2
            && plane.kernelHeight == 3 && plane.kernelWidth == 3 && plane.dilationHeight == 1 && plane.dilationWidth == 1
            && outputHeight >= 4 && outputWidth >= Self.strideTwoNarrowest
            && plane.padLeft <= min(16, plane.inputWidth) && overhang <= Self.directRowMargin
        tapColumnMasks = readsInputAtStrideTwo && outputWidth <= 8
            ? DepthwiseRowSource.tapColumnMasks(width: plane.inputWidth, padLeft: plane.padLeft) : []
        // Stacked blocks whose tap row i reads input row r + i − padTop (vertical stride 1, not
        // the rows of a phase) and tap column j column j of the row (horizontal stride and
        // dilation 1), at most 16 padding columns before a row (and no more than a row: the
        // reads before a row stay in the row before it).
        let readsRowsAtStrideOne = stacksRows && plane.strideHeight == 1 && (0..<side).allSatisfy { offsets[$0] == $0 }
            && plane.padLeft <= min(16, plane.inputWidth)
        let readsNarrowRows = readsRowsAtStrideOne && outputWidth >= Self.strideOneNarrowest && outputWidth < 16
            && overhang <= Self.directRowMargin
        guard !readsInputAtStrideTwo && !readsNarrowRows else {
            rowsPerBlock = 4
            readsInput = true
            laneMasks = DepthwiseRowSource.laneMasks(width: plane.inputWidth)
            return
        }
        guard outputWidth >= 16 else {
            rowsPerBlock = 0
            readsInput = false
            laneMasks = []
            return
        }
        let (height, vectorsPerRow) = (outputHeight, (outputWidth + 15) / 16)
        func computed(rows: Int) -> Int {
            let vectors = 4 / rows
            return (height + rows - 1) / rows * rows * ((vectorsPerRow + vectors - 1) / vectors * vectors)
        }
        let fewest = [1, 2, 4].min { computed(rows: $0) < computed(rows: $1) } ?? 1
        // Stacked blocks load half as much (3x3) or less: worth up to a quarter more outputs.
        // They also take 4 consecutive rows: the last block moves up (`DepthwiseRows`).
        rowsPerBlock = stacksRows && 4 * computed(rows: 4) <= 5 * computed(rows: fewest) ? 4 : fewest
        readsInput = readsRowsAtStrideOne && rowsPerBlock == 4 && plane.inputWidth >= 16 && overhang <= 16
        laneMasks = readsInput ? DepthwiseRowSource.laneMasks(width: plane.inputWidth) : []
    }

    /// Computes the plane of `channel` with `code` and `epilogue`.
    func run(_ code: DepthwiseCode, _ channel: DepthwiseChannel, _ epilogue: DepthwiseEpilogue) {
        let run = DepthwisePlaneRun(copy: UnsafePointer(channel.copy), offsets: channel.offsets, weights: channel.weights,
                                    taps: plane.tapOffsets.count, bias: channel.bias, output: channel.output, residual: channel.residual,
                                    outputHeight: outputHeight, outputWidth: outputWidth, writable: channel.writable, pitch: pitch,
                                    clampLower: epilogue.clamp.lower, clampUpper: epilogue.clamp.upper, clamps: epilogue.clamps,
                                    stacksRows: stacksRows)
        if rowsPerBlock == 0 {
            runFlat(code, run, channel, epilogue)
        } else if readsInput {
            runDirect(code, run, channel, epilogue)
        } else {
            runRows(code, run, channel, epilogue)
        }
    }

    /// The output rows before `computedRows` that no later block rewrites: stacked blocks
    /// (and the direct sweep's) move the last block up into the last four rows, which may have
    /// been computed already.
    private func settledRows(_ computedRows: Int) -> Int {
        computedRows == outputHeight || !((stacksRows || readsInput) && rowsPerBlock == 4) ? computedRows
            : min(computedRows, outputHeight - 4)
    }

    // Kept out of line: its stack table would otherwise weigh on the loop over planes of the
    // other sweeps.
    @inline(never)
    private func runDirect(_ code: DepthwiseCode, _ run: DepthwisePlaneRun, _ channel: DepthwiseChannel, _ epilogue: DepthwiseEpilogue) {
        let (width, padLeft, margin, rowFloats) = (plane.inputWidth, plane.padLeft, Self.directRowMargin, directRowFloats)
        let zeros = channel.copy, spareRows = channel.copy + rowFloats
        zeros.initialize(repeating: 0, count: rowFloats)
        // Output row r reads padded rows s·r...s·r + kh − 1: at most the phases' rows times s (and
        // two more, at stride 2, for the row that `DepthwiseRows.computeRowPairs` pairs with an
        // odd height's last).
        let paddedRows = plane.phaseRows * plane.strideHeight + (plane.strideHeight == 2 ? 2 : 0)
        withUnsafeTemporaryAllocation(of: UnsafePointer<Float>.self, capacity: paddedRows) { padded in
            guard let padded = padded.baseAddress else { return }
            let (top, height, input, zeroRow) = (plane.padTop, plane.inputHeight, channel.input, UnsafePointer(zeros + margin))
            // Padding rows, the input's rows, padding rows.
            let (firstRow, endRow) = (min(top, paddedRows), min(top + height, paddedRows))
            padded.initialize(repeating: zeroRow, count: firstRow)
            var rowStart = input
            for paddedRow in firstRow..<endRow {
                padded[paddedRow] = rowStart
                rowStart += width
            }
            (padded + endRow).initialize(repeating: zeroRow, count: paddedRows - endRow)
            // The first row, when the reads before it leave the input, and the last rows, whose
            // reads past their end leave it (`overhang` floats past a row), are read from copies
            // with room around them.
            if padLeft > channel.preceding {
                let copy = spareRows + margin
                copy.update(from: input, count: width)
                padded[top] = UnsafePointer(copy)
            }
            var lastRows = height
            while lastRows > 0 && lastRows * width + overhang > channel.readable { lastRows -= 1 }
            if lastRows < height {
                let copy = spareRows + rowFloats + margin
                copy.update(from: input + lastRows * width, count: (height - lastRows) * width)
                for row in lastRows..<height { padded[row + top] = UnsafePointer(copy + (row - lastRows) * width) }
            }
            laneMasks.withUnsafeBufferPointer { masks in
                tapColumnMasks.withUnsafeBufferPointer { columnMasks in
                    guard let masks = masks.baseAddress else { return }
                    let source = DepthwiseRowSource(rows: UnsafePointer(padded), width: width, padLeft: padLeft, stride: plane.strideHeight,
                                                    masks: masks + 16 * 16,
                                                    tapColumnMasks: columnMasks.isEmpty ? nil : columnMasks.baseAddress)
                    computeDirect(code, run, source, channel, epilogue)
                }
            }
        }
    }

    /// Computes the plane's outputs from `source` (`runDirect`).
    private func computeDirect(_ code: DepthwiseCode, _ run: DepthwisePlaneRun, _ source: DepthwiseRowSource,
                               _ channel: DepthwiseChannel, _ epilogue: DepthwiseEpilogue) {
        // Activations applied after storing run over about 1024 outputs at a time (still in L1).
        let chunkRows = epilogue.activatesStored ? max(4, (1024 / outputWidth + 3) / 4 * 4) : outputHeight
        var computedRows = 0, activatedRows = 0
        while computedRows < outputHeight {
            let endRow = min(computedRows + chunkRows, outputHeight)
            code.computeRows(run, from: source, rows: computedRows..<endRow)
            computedRows = endRow
            let settled = settledRows(computedRows)
            if epilogue.activatesStored && settled > activatedRows {
                epilogue.activateStored(channel.output + activatedRows * outputWidth, count: (settled - activatedRows) * outputWidth)
                activatedRows = settled
            }
        }
    }

    private func runRows(_ code: DepthwiseCode, _ run: DepthwisePlaneRun, _ channel: DepthwiseChannel, _ epilogue: DepthwiseEpilogue) {
        // The copy is written 8 rows at a time, ahead of the outputs that read them, so that
        // its rows are still in L1 when they are read; the outputs whose copy rows are all
        // written are then computed in one call.
        let rowShift = plane.phaseRows - outputHeight
        var copiedRows = 0, computedRows = 0, activatedRows = 0
        while computedRows < outputHeight {
            let neededRows = min(computedRows + rowsPerBlock, outputHeight) + rowShift
            if neededRows > copiedRows {
                let rows = copiedRows..<min(plane.phaseRows, max(neededRows, copiedRows + 8))
                plane.copy(channel.input, readable: channel.readable, rows: rows, into: channel.copy)
                copiedRows = rows.upperBound
            }
            var endRow = computedRows + rowsPerBlock
            while endRow < outputHeight && min(endRow + rowsPerBlock, outputHeight) + rowShift <= copiedRows { endRow += rowsPerBlock }
            endRow = min(endRow, outputHeight)
            code.computeRows(run, rowsPerBlock: rowsPerBlock, rows: computedRows..<endRow)
            computedRows = endRow
            // Activations applied after storing run over at least 1024 outputs at a time (still in
            // L1), so that few of their vectors are partial.
            let settled = settledRows(computedRows)
            if epilogue.activatesStored && ((settled - activatedRows) * outputWidth >= 1024 || computedRows == outputHeight) {
                epilogue.activateStored(channel.output + activatedRows * outputWidth, count: (settled - activatedRows) * outputWidth)
                activatedRows = settled
            }
        }
    }

    private func runFlat(_ code: DepthwiseCode, _ run: DepthwisePlaneRun, _ channel: DepthwiseChannel, _ epilogue: DepthwiseEpilogue) {
        let length = (outputHeight - 1) * pitch + outputWidth
        let scratch = channel.scratch
        plane.copy(channel.input, readable: channel.readable, rows: 0..<plane.phaseRows, into: channel.copy)
        code.computeLine(run, length: length, into: scratch)
        let output = channel.output, residual = channel.residual
        for row in 0..<outputHeight {
            let sum = UnsafePointer(scratch).loadFloatVector(at: row * pitch), start = row * outputWidth
            if start + 16 <= channel.writable {
                output.storeFloatVector(epilogue.finish(sum, residual: residual, at: start), at: start)
            } else {
                let finished = epilogue.finish(sum, residual: residual, at: start, count: outputWidth)
                output.storePartialFloatVector(finished, at: start, count: outputWidth)
            }
        }
        epilogue.activateStored(output, count: outputHeight * outputWidth)
    }
}
