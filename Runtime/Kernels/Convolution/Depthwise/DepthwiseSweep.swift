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
/// - Direct (stacked blocks of a 3x3 or 5x5 window at stride and dilation 1, input rows of 16
///   or more columns, at most 16 padding columns a side): no copy; the blocks read the input
///   rows themselves, a row of zeros standing for each padding row and the lanes that fall in
///   the padding columns set to zero (`DepthwiseRowSource`). The outputs are the same bits.
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
    /// The direct sweep's lane masks (`DepthwiseRowSource.laneMasks`); empty for the others.
    let laneMasks: [UInt32]

    /// The floats of scratch the flat sweep needs (0 for a row sweep).
    var scratchFloats: Int { rowsPerBlock == 0 ? (outputHeight - 1) * pitch + 16 : 0 }
    /// The floats of each row the direct sweep keeps in the copy's room (a row of zeros and up
    /// to two copies of input rows that may not be read in place): the input row's width with
    /// `directRowMargin` floats on both sides.
    var directRowFloats: Int { plane.inputWidth + 2 * Self.directRowMargin }
    /// The floats before and after each of the direct sweep's rows: more than the padding
    /// columns it reads (16 at most) on either side.
    static let directRowMargin = 32

    /// The sweep of `plane` for the row kernels `code`.
    init(_ plane: DepthwisePlane, code: DepthwiseCode) {
        self.plane = plane
        (outputHeight, outputWidth, pitch) = (plane.outputHeight, plane.outputWidth, plane.pitch)
        let offsets = plane.tapOffsets, side = offsets.count == 9 ? 3 : 5, pitch = plane.pitch
        stacksRows = code == .avx512 && (offsets.count == 9 || offsets.count == 25) && plane.outputHeight >= 4
            && (0..<offsets.count).allSatisfy { offsets[$0] == offsets[$0 % side] + $0 / side * pitch }
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
        // Tap row i reading input row r + i − padTop (stacked rows at vertical stride 1, not
        // those of a phase), tap column j reading column j of the row (horizontal stride and
        // dilation 1), and the padding columns read on each side of a row (`padLeft`, and past
        // the row's end).
        let paddingRight = plane.rowLength - plane.padLeft - plane.inputWidth
        readsInput = stacksRows && rowsPerBlock == 4 && plane.strideHeight == 1 && (0..<side).allSatisfy { offsets[$0] == $0 }
            && plane.inputWidth >= 16
            && plane.padLeft <= 16 && paddingRight <= 16
        laneMasks = readsInput ? DepthwiseRowSource.laneMasks(width: plane.inputWidth) : []
    }

    /// Computes the plane of `channel` with `code` and `epilogue`.
    func run(_ code: DepthwiseCode, _ channel: DepthwiseChannel, _ epilogue: DepthwiseEpilogue) {
        let run = DepthwisePlaneRun(copy: UnsafePointer(channel.copy), offsets: channel.offsets, weights: channel.weights,
                                    taps: plane.tapOffsets.count, bias: channel.bias, output: channel.output, residual: channel.residual,
                                    outputHeight: outputHeight, outputWidth: outputWidth, pitch: pitch,
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
    /// move the last block up into the last four rows, which may have been computed already.
    private func settledRows(_ computedRows: Int) -> Int {
        computedRows == outputHeight || !(stacksRows && rowsPerBlock == 4) ? computedRows : min(computedRows, outputHeight - 4)
    }

    // Kept out of line: its stack table would otherwise weigh on the loop over planes of the
    // other sweeps.
    @inline(never)
    private func runDirect(_ code: DepthwiseCode, _ run: DepthwisePlaneRun, _ channel: DepthwiseChannel, _ epilogue: DepthwiseEpilogue) {
        let (width, padLeft, margin, rowFloats) = (plane.inputWidth, plane.padLeft, Self.directRowMargin, directRowFloats)
        let paddingRight = plane.rowLength - padLeft - width
        let zeros = channel.copy, spareRows = channel.copy + rowFloats
        zeros.initialize(repeating: 0, count: rowFloats)
        withUnsafeTemporaryAllocation(of: UnsafePointer<Float>.self, capacity: plane.phaseRows) { padded in
            guard let padded = padded.baseAddress else { return }
            for paddedRow in 0..<plane.phaseRows {
                let row = paddedRow - plane.padTop, start = row * width
                if row < 0 || row >= plane.inputHeight {
                    padded[paddedRow] = UnsafePointer(zeros + margin)
                } else if start - padLeft >= -channel.preceding && start + width + paddingRight <= channel.readable {
                    padded[paddedRow] = channel.input + start
                } else {
                    // A row at the very start or end of the input (the first or last row, as
                    // rows have 16 or more columns): read from a copy with room around it.
                    let copy = spareRows + (row == 0 ? 0 : rowFloats) + margin
                    copy.update(from: channel.input + start, count: width)
                    padded[paddedRow] = UnsafePointer(copy)
                }
            }
            laneMasks.withUnsafeBufferPointer { masks in
                guard let masks = masks.baseAddress else { return }
                let source = DepthwiseRowSource(rows: UnsafePointer(padded), width: width, padLeft: padLeft, masks: masks + 16 * 16)
                computeDirect(code, run, source, channel, epilogue)
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
