extension DepthwiseRows {
    /// `computeRows(_:from:rows:)` for a 3x3 window at stride 2 and dilation 1 whose output rows
    /// hold at most 8 outputs (`source.stride` 2): each vector holds output rows `2v` and
    /// `2v + 1` in its lanes `0..<8` and `8..<16`. Tap row `i` of those rows reads padded rows
    /// `4v + i` and `4v + i + 2`, one vector of each from input column `−padLeft` on: the even
    /// lanes of that pair are the inputs of tap column 0 and its odd lanes those of tap column
    /// 1; the even lanes of the pair loaded two columns on are those of tap column 2 (a
    /// two-source permute each), the lanes outside the row set to zero
    /// (`source.tapColumnMasks`). The products and their order are those of the row sweep over
    /// the phase-split copy (`sums`), so the outputs are the same bits. `rows.lowerBound` is
    /// even; each half is stored with 8 lanes, the lanes past the row running into the rows
    /// after it until those are stored (and past the plane into the thread's next one, which
    /// overwrites them: only the end of `run.writable` is stored lane by lane).
    @inlinable @inline(__always)
    static func computeRowPairs(_ run: DepthwisePlaneRun, from source: DepthwiseRowSource, rows: Range<Int>) {
        let (outputWidth, weights, first) = (run.outputWidth, run.weights, -source.padLeft)
        guard let columnMasks = source.tapColumnMasks else { return }
        @inline(__always)
        func mask(_ tapColumn: Int) -> SIMD16<UInt32> {
            UnsafeRawPointer(columnMasks + 16 &* tapColumn).loadUnaligned(as: SIMD16<UInt32>.self)
        }
        let masks = (mask(0), mask(1), mask(2))
        for pair in stride(from: rows.lowerBound / 2, to: (rows.upperBound &+ 1) / 2, by: 1) {
            var sum = run.bias
            for tapRow in 0..<3 {
                let upper = source.rows[4 &* pair &+ tapRow], lower = source.rows[4 &* pair &+ tapRow &+ 2]
                @inline(__always)
                func rows(at column: Int) -> SIMD32<Float> {
                    SIMD32(lowHalf: UnsafeRawPointer(upper + column).loadUnaligned(as: SIMD16<Float>.self),
                           highHalf: UnsafeRawPointer(lower + column).loadUnaligned(as: SIMD16<Float>.self))
                }
                let both = rows(at: first), even = both.evenHalf, odd = both.oddHalf
                let shifted = rows(at: first &+ 2).evenHalf
                @inline(__always)
                func inside(_ vector: SIMD16<Float>, _ mask: SIMD16<UInt32>) -> SIMD16<Float> {
                    unsafeBitCast(unsafeBitCast(vector, to: SIMD16<UInt32>.self) & mask, to: SIMD16<Float>.self)
                }
                sum.addProduct(SIMD16(repeating: weights[3 &* tapRow]), inside(even, masks.0))
                sum.addProduct(SIMD16(repeating: weights[3 &* tapRow &+ 1]), inside(odd, masks.1))
                sum.addProduct(SIMD16(repeating: weights[3 &* tapRow &+ 2]), inside(shifted, masks.2))
            }
            storeRowPair(run, sum, at: 2 &* pair &* outputWidth, before: run.writable)
        }
    }

    /// Stores the lanes `0..<8` of `sum` at output `offset` and its lanes `8..<16` one output
    /// row later, with the epilogue of `store`; only outputs before `end` are written.
    @inlinable @inline(__always)
    static func storeRowPair(_ run: DepthwisePlaneRun, _ sum: SIMD16<Float>, at offset: Int, before end: Int) {
        let lowerOffset = offset &+ run.outputWidth
        guard lowerOffset &+ 8 <= end else { return storeRowPairEnd(run, sum, at: offset, before: end) }
        var total = sum
        if let residual = run.residual {
            total += SIMD16(lowHalf: UnsafeRawPointer(residual + offset).loadUnaligned(as: SIMD8<Float>.self),
                            highHalf: UnsafeRawPointer(residual + lowerOffset).loadUnaligned(as: SIMD8<Float>.self))
        }
        let finished = clamped(run, total)
        UnsafeMutableRawPointer(run.output + offset).storeBytes(of: finished.lowHalf, as: SIMD8<Float>.self)
        UnsafeMutableRawPointer(run.output + lowerOffset).storeBytes(of: finished.highHalf, as: SIMD8<Float>.self)
    }

    /// `storeRowPair` lane by lane, for the pair at the end of what may be written.
    @inlinable @inline(never)
    static func storeRowPairEnd(_ run: DepthwisePlaneRun, _ sum: SIMD16<Float>, at offset: Int, before end: Int) {
        let lowerOffset = offset &+ run.outputWidth
        let upperCount = min(8, end &- offset), lowerCount = max(0, min(8, end &- lowerOffset))
        var total = sum
        if let residual = run.residual {
            for lane in 0..<upperCount { total[lane] += residual[offset &+ lane] }
            for lane in 0..<lowerCount { total[8 &+ lane] += residual[lowerOffset &+ lane] }
        }
        let finished = clamped(run, total)
        // The upper row's lanes first: those past its end are the lower row's outputs.
        for lane in 0..<upperCount { run.output[offset &+ lane] = finished[lane] }
        for lane in 0..<lowerCount { run.output[lowerOffset &+ lane] = finished[8 &+ lane] }
    }
}
