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

    /// The floats of scratch the flat sweep needs (0 for a row sweep).
    var scratchFloats: Int { rowsPerBlock == 0 ? (outputHeight - 1) * pitch + 16 : 0 }

    /// The sweep of `plane` for the row kernels `code`.
    init(_ plane: DepthwisePlane, code: DepthwiseCode) {
        self.plane = plane
        (outputHeight, outputWidth, pitch) = (plane.outputHeight, plane.outputWidth, plane.pitch)
        let offsets = plane.tapOffsets, side = offsets.count == 9 ? 3 : 5, pitch = plane.pitch
        stacksRows = code == .avx512 && (offsets.count == 9 || offsets.count == 25) && plane.outputHeight >= 4
            && (0..<offsets.count).allSatisfy { offsets[$0] == offsets[$0 % side] + $0 / side * pitch }
        guard outputWidth >= 16 else {
            rowsPerBlock = 0
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
        } else {
            runRows(code, run, channel, epilogue)
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
            if epilogue.activatesStored && ((computedRows - activatedRows) * outputWidth >= 1024 || computedRows == outputHeight) {
                epilogue.activateStored(channel.output + activatedRows * outputWidth, count: (computedRows - activatedRows) * outputWidth)
                activatedRows = computedRows
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
