extension DepthwiseRows {
    /// Computes and stores output rows `rows` of `run` (at least 4 output rows) straight from
    /// the input rows of `source`, `rows.lowerBound` being a multiple of 4: a 3x3 window at
    /// stride 2 and dilation 1 in `computeStrideTwoRows`, or `computeRowPairs` for rows of at
    /// most 8 outputs; a square 3x3 or 5x5 window at stride and dilation 1 here, in stacked
    /// blocks of four rows of one vector. The products and their order are those of the
    /// stacked row sweep over the padded copy (`stackedSums`), so the outputs are the same
    /// bits. A vector that would pass the row's end starts at `OW − 16` instead (rows of 16 or
    /// more outputs), and the last block moves up to the last four rows: blocks then overlap
    /// and compute some outputs twice, which leaves no tail. Rows narrower than a vector take
    /// one vector each, whose reads past the row are masked like padding columns and whose
    /// lanes past the row are stored into the rows after it until those are stored
    /// (`storeStacked`).
    @inlinable
    public static func computeRows(_ run: DepthwisePlaneRun, from source: DepthwiseRowSource, rows: Range<Int>) {
        if source.stride == 2 && run.outputWidth <= 8 {
            computeRowPairs(run, from: source, rows: rows)
        } else if source.stride == 2 {
            computeStrideTwoRows(run, from: source, rows: rows)
        } else if run.taps == 9 {
            computeRows(run, NineTaps(), from: source, rows: rows)
        } else {
            computeRows(run, TwentyFiveTaps(), from: source, rows: rows)
        }
    }

    @inlinable @inline(__always)
    static func computeRows<Taps: DepthwiseTaps>(_ run: DepthwisePlaneRun, _ taps: Taps, from source: DepthwiseRowSource,
                                                 rows: Range<Int>) {
        let side = taps.count == 9 ? 3 : 5, outputWidth = run.outputWidth
        let (lastRow, lastColumn, width) = (run.outputHeight &- 1, max(0, outputWidth &- 16), source.width)
        for firstRow in stride(from: rows.lowerBound, to: rows.upperBound, by: 4) {
            let blockRow = min(firstRow, lastRow &- 3), padded = source.rows + blockRow
            for column in stride(from: 0, to: outputWidth, by: 16) {
                // The block's first tap column reads input columns `first..<first + 16`.
                let column = min(column, lastColumn), first = column &- source.padLeft
                let inside = first >= 0 && first &+ 15 &+ side &- 1 < width
                let sums = inside
                    ? directSums(run, taps, from: source, rows: padded, at: first, masks: false)
                    : directSums(run, taps, from: source, rows: padded, at: first, masks: true)
                storeStacked(run, sums, at: blockRow &* outputWidth &+ column)
            }
        }
    }

    /// The window sums of four vectors stacked one row apart whose first tap column reads
    /// input columns `first..<first + 16` of the padded rows `rows[0...]` of `source`; with
    /// `masks`, the lanes of each loaded vector outside the rows' columns are zero.
    @inlinable @inline(__always)
    static func directSums<Taps: DepthwiseTaps>(_ run: DepthwisePlaneRun, _ taps: Taps, from source: DepthwiseRowSource,
                                                rows: UnsafePointer<UnsafePointer<Float>>, at first: Int, masks: Bool) -> Block {
        let side = taps.count == 9 ? 3 : 5
        let start = run.bias
        var sums = (start, start, start, start)
        for i in 0..<side {
            for j in 0..<side {
                let weight = SIMD16<Float>(repeating: run.weights[i &* side &+ j]), offset = first &+ j
                @inline(__always)
                func row(_ index: Int) -> SIMD16<Float> {
                    masks ? source.maskedVector(rows[index], at: offset)
                        : UnsafeRawPointer(rows[index] + offset).loadUnaligned(as: SIMD16<Float>.self)
                }
                sums.0.addProduct(weight, row(i))
                sums.1.addProduct(weight, row(i &+ 1))
                sums.2.addProduct(weight, row(i &+ 2))
                sums.3.addProduct(weight, row(i &+ 3))
            }
        }
        return sums
    }
}
