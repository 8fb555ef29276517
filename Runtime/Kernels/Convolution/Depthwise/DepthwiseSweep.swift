/// The order in which a depthwise kernel computes the outputs of one plane, in blocks of four
/// vectors of 16 outputs (`DepthwiseTaps.sums`).
///
/// - Rows (output width ≥ 16): each block covers `rowsPerBlock` rows (1, 2 or 4) and
///   `4 / rowsPerBlock` vectors of each row, chosen to compute the fewest outputs. A vector that
///   would pass the row's end starts at `OW − 16` instead, and a row past the last one is the
///   last row: blocks then overlap and compute some outputs twice, which is harmless (the
///   outputs are a pure function of the inputs) and leaves no tail. Outputs are stored with
///   their epilogue applied in registers.
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

    /// The floats of scratch the flat sweep needs (0 for a row sweep).
    var scratchFloats: Int { rowsPerBlock == 0 ? (outputHeight - 1) * pitch + 16 : 0 }

    /// The sweep of `plane`.
    init(_ plane: DepthwisePlane) {
        self.plane = plane
        (outputHeight, outputWidth, pitch) = (plane.outputHeight, plane.outputWidth, plane.pitch)
        guard outputWidth >= 16 else {
            rowsPerBlock = 0
            return
        }
        let (height, vectorsPerRow) = (outputHeight, (outputWidth + 15) / 16)
        func computed(rows: Int) -> Int {
            let vectors = 4 / rows
            return (height + rows - 1) / rows * rows * ((vectorsPerRow + vectors - 1) / vectors * vectors)
        }
        rowsPerBlock = [1, 2, 4].min { computed(rows: $0) < computed(rows: $1) } ?? 1
    }

    /// Computes the plane of `channel` with `taps` and `epilogue`.
    @inline(__always)
    func run<Taps: DepthwiseTaps>(_ taps: Taps, _ channel: DepthwiseChannel, _ epilogue: DepthwiseEpilogue) {
        switch rowsPerBlock {
        case 0: runFlat(taps, channel, epilogue)
        case 1: runRows(taps, OneRowBlocks.self, channel, epilogue)
        case 2: runRows(taps, TwoRowBlocks.self, channel, epilogue)
        default: runRows(taps, FourRowBlocks.self, channel, epilogue)
        }
    }

    @inline(__always)
    private func runRows<Taps: DepthwiseTaps, Block: DepthwiseBlockRows>(_ taps: Taps, _ block: Block.Type,
                                                                         _ channel: DepthwiseChannel, _ epilogue: DepthwiseEpilogue) {
        let vectors = 4 / Block.rows, rowEnd = (outputWidth + 15) / 16 * 16
        let (lastRow, lastColumn) = (outputHeight - 1, outputWidth - 16)
        let output = channel.output, residual = channel.residual
        // The copy is written 8 rows at a time, ahead of the outputs that read them, so that
        // its rows are still in L1 when they are read.
        let rowShift = plane.phaseRows - outputHeight
        var copiedRows = 0, activatedRows = 0
        for firstRow in stride(from: 0, to: outputHeight, by: Block.rows) {
            let neededRows = min(firstRow + Block.rows, outputHeight) + rowShift
            if neededRows > copiedRows {
                let rows = copiedRows..<min(plane.phaseRows, max(neededRows, copiedRows + 8))
                plane.copy(channel.input, readable: channel.readable, rows: rows, into: channel.copy)
                copiedRows = rows.upperBound
            }
            for firstColumn in stride(from: 0, to: rowEnd, by: 16 * vectors) {
                // Slot s of the block: its row s / vectors, its vector s mod vectors.
                // (Sizes are far from overflowing: they index allocated tensors.)
                @inline(__always)
                func slot(_ index: Int) -> (position: Int, output: Int) {
                    let row = min(firstRow &+ index / vectors, lastRow)
                    let column = min(firstColumn &+ index % vectors &* 16, lastColumn)
                    return (row &* pitch &+ column, row &* outputWidth &+ column)
                }
                let slots = (slot(0), slot(1), slot(2), slot(3))
                let sums = taps.sums(copy: UnsafePointer(channel.copy), offsets: channel.offsets, weights: channel.weights, start: channel.bias,
                                     at: (slots.0.position, slots.1.position, slots.2.position, slots.3.position))
                output.storeFloatVector(epilogue.finish(sums.0, residual: residual, at: slots.0.output), at: slots.0.output)
                output.storeFloatVector(epilogue.finish(sums.1, residual: residual, at: slots.1.output), at: slots.1.output)
                output.storeFloatVector(epilogue.finish(sums.2, residual: residual, at: slots.2.output), at: slots.2.output)
                output.storeFloatVector(epilogue.finish(sums.3, residual: residual, at: slots.3.output), at: slots.3.output)
            }
            // Activations applied after storing run over at least 1024 outputs at a time (still in
            // L1), so that few of their vectors are partial.
            let storedRows = min(firstRow + Block.rows, outputHeight)
            if epilogue.activatesStored && ((storedRows - activatedRows) * outputWidth >= 1024 || storedRows == outputHeight) {
                epilogue.activateStored(output + activatedRows * outputWidth, count: (storedRows - activatedRows) * outputWidth)
                activatedRows = storedRows
            }
        }
    }

    @inline(__always)
    private func runFlat<Taps: DepthwiseTaps>(_ taps: Taps, _ channel: DepthwiseChannel, _ epilogue: DepthwiseEpilogue) {
        let length = (outputHeight - 1) * pitch + outputWidth, last = max(0, length - 16)
        let scratch = channel.scratch
        plane.copy(channel.input, readable: channel.readable, rows: 0..<plane.phaseRows, into: channel.copy)
        for first in stride(from: 0, to: length, by: 64) {
            let positions = (min(first, last), min(first + 16, last), min(first + 32, last), min(first + 48, last))
            let sums = taps.sums(copy: UnsafePointer(channel.copy), offsets: channel.offsets, weights: channel.weights, start: channel.bias,
                                 at: positions)
            scratch.storeFloatVector(sums.0, at: positions.0)
            scratch.storeFloatVector(sums.1, at: positions.1)
            scratch.storeFloatVector(sums.2, at: positions.2)
            scratch.storeFloatVector(sums.3, at: positions.3)
        }
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
