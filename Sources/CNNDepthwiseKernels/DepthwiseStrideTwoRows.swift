extension DepthwiseRows {
    /// `computeRows(_:from:rows:)` for a 3x3 window at stride 2 and dilation 1
    /// (`source.stride` 2): output row `r` reads padded rows `2r...2r + 2` and output column `c`
    /// input columns `2c − padLeft...2c − padLeft + 2`, so that the block's nine padded rows
    /// `2r...2r + 8` feed its four stacked output rows. Each padded row is loaded once per
    /// block, as two pairs of vectors whose even and odd lanes (a two-source permute each) are
    /// the inputs of tap columns 0, 1 and 2 for 16 consecutive outputs. The products and their
    /// order are those of the row sweep over the phase-split copy (`sums`), so the outputs are
    /// the same bits. Rows narrower than 16 outputs take one vector each (`storeStacked`).
    @inlinable @inline(__always)
    static func computeStrideTwoRows(_ run: DepthwisePlaneRun, from source: DepthwiseRowSource, rows: Range<Int>) {
        let outputWidth = run.outputWidth
        let (lastRow, lastColumn, width) = (run.outputHeight &- 1, max(0, outputWidth &- 16), source.width)
        for firstRow in stride(from: rows.lowerBound, to: rows.upperBound, by: 4) {
            let blockRow = min(firstRow, lastRow &- 3), padded = source.rows + 2 &* blockRow
            for column in stride(from: 0, to: outputWidth, by: 16) {
                // Tap column 0 of the block's outputs reads input columns `first + 2k`.
                let column = min(column, lastColumn), first = 2 &* column &- source.padLeft
                let inside = first >= 0 && first &+ 32 < width
                let sums = inside
                    ? strideTwoSums(run, from: source, rows: padded, at: first, masks: false)
                    : strideTwoSums(run, from: source, rows: padded, at: first, masks: true)
                storeStacked(run, sums, at: blockRow &* outputWidth &+ column)
            }
        }
    }

    /// The window sums of four vectors stacked one output row apart whose tap column 0 reads
    /// input columns `first, first + 2, …, first + 30` of the padded rows `rows[0...8]` of
    /// `source` (a 3x3 window at stride 2); with `masks`, the lanes of each loaded vector
    /// outside the rows' columns are zero.
    @inlinable @inline(__always)
    static func strideTwoSums(_ run: DepthwisePlaneRun, from source: DepthwiseRowSource,
                              rows: UnsafePointer<UnsafePointer<Float>>, at first: Int, masks: Bool) -> Block {
        let weights = run.weights
        // The inputs of tap columns 0, 1 and 2 in padded row `paddedRow`.
        @inline(__always)
        func inputs(_ paddedRow: Int) -> Block {
            let row = rows[paddedRow]
            @inline(__always)
            func vector(at offset: Int) -> SIMD16<Float> {
                masks ? source.maskedVector(row, at: offset) : UnsafeRawPointer(row + offset).loadUnaligned(as: SIMD16<Float>.self)
            }
            let pair = SIMD32(lowHalf: vector(at: first), highHalf: vector(at: first &+ 16))
            let shifted = SIMD32(lowHalf: vector(at: first &+ 2), highHalf: vector(at: first &+ 18))
            return (pair.evenHalf, pair.oddHalf, shifted.evenHalf, SIMD16())
        }
        // Adds the products of tap row `tapRow` with `inputs` to `sum`.
        @inline(__always)
        func accumulate(_ sum: inout SIMD16<Float>, _ inputs: Block, tapRow: Int) {
            sum.addProduct(SIMD16(repeating: weights[3 &* tapRow]), inputs.0)
            sum.addProduct(SIMD16(repeating: weights[3 &* tapRow &+ 1]), inputs.1)
            sum.addProduct(SIMD16(repeating: weights[3 &* tapRow &+ 2]), inputs.2)
        }
        // Output row s of the block reads padded rows 2s, 2s + 1 and 2s + 2 through tap rows
        // 0, 1 and 2.
        var sums = (run.bias, run.bias, run.bias, run.bias)
        var row = inputs(0)
        accumulate(&sums.0, row, tapRow: 0)
        row = inputs(1)
        accumulate(&sums.0, row, tapRow: 1)
        row = inputs(2)
        accumulate(&sums.0, row, tapRow: 2)
        accumulate(&sums.1, row, tapRow: 0)
        row = inputs(3)
        accumulate(&sums.1, row, tapRow: 1)
        row = inputs(4)
        accumulate(&sums.1, row, tapRow: 2)
        accumulate(&sums.2, row, tapRow: 0)
        row = inputs(5)
        accumulate(&sums.2, row, tapRow: 1)
        row = inputs(6)
        accumulate(&sums.2, row, tapRow: 2)
        accumulate(&sums.3, row, tapRow: 0)
        row = inputs(7)
        accumulate(&sums.3, row, tapRow: 1)
        row = inputs(8)
        accumulate(&sums.3, row, tapRow: 2)
        return sums
    }
}
