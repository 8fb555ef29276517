/// The hot loops of cnnc's depthwise conv, generic over the module that compiles them
/// (`Target`): the runtime instantiates them for its default target (AVX2) and
/// CNNDepthwiseAVX512 for AVX-512, where each 16-float vector is one register.
///
/// The unit of work is a block of four vectors of 16 outputs: per tap, one broadcast weight is
/// multiplied into all four, so that four independent chains of fused multiply-adds hide each
/// other's latency. The loop over taps unrolls for 3x3 and 5x5 windows.
public enum DepthwiseRows<Target: DepthwiseInstructionTarget> {
    /// Four vectors of 16 outputs each.
    public typealias Block = (SIMD16<Float>, SIMD16<Float>, SIMD16<Float>, SIMD16<Float>)

    /// Computes and stores output rows `rows` of `run` (whose copy rows they read must be
    /// written) in blocks of `rowsPerBlock` (1, 2 or 4) rows, `rows.lowerBound` being a
    /// multiple of it; the plane is at least 16 outputs wide. A vector that would pass the
    /// row's end starts at `OW − 16` instead, and a row past the last one is the last row:
    /// blocks then overlap and compute some outputs twice, which is harmless (the outputs are
    /// a pure function of the inputs) and leaves no tail.
    @inlinable
    public static func computeRows(_ run: DepthwisePlaneRun, rowsPerBlock: Int, rows: Range<Int>) {
        switch (run.taps, rowsPerBlock) {
        case (9, 1): computeRows(run, NineTaps(), OneRowBlocks.self, rows: rows)
        case (9, 2): computeRows(run, NineTaps(), TwoRowBlocks.self, rows: rows)
        case (9, _): computeRows(run, NineTaps(), FourRowBlocks.self, rows: rows)
        case (25, 1): computeRows(run, TwentyFiveTaps(), OneRowBlocks.self, rows: rows)
        case (25, 2): computeRows(run, TwentyFiveTaps(), TwoRowBlocks.self, rows: rows)
        case (25, _): computeRows(run, TwentyFiveTaps(), FourRowBlocks.self, rows: rows)
        case (_, 1): computeRows(run, RuntimeTaps(count: run.taps), OneRowBlocks.self, rows: rows)
        case (_, 2): computeRows(run, RuntimeTaps(count: run.taps), TwoRowBlocks.self, rows: rows)
        default: computeRows(run, RuntimeTaps(count: run.taps), FourRowBlocks.self, rows: rows)
        }
    }

    /// Writes the window sums (bias included, no epilogue) of the positions `0..<length` of
    /// the copy's numbering `q = oh·pitch + ow` to `scratch` (at least `max(length, 16)`
    /// floats), with whole vectors; `length` ends at the last output.
    @inlinable
    public static func computeLine(_ run: DepthwisePlaneRun, length: Int, into scratch: UnsafeMutablePointer<Float>) {
        switch run.taps {
        case 9: computeLine(run, NineTaps(), length: length, into: scratch)
        case 25: computeLine(run, TwentyFiveTaps(), length: length, into: scratch)
        default: computeLine(run, RuntimeTaps(count: run.taps), length: length, into: scratch)
        }
    }

    @inlinable @inline(__always)
    static func computeRows<Taps: DepthwiseTaps, Rows: DepthwiseBlockRows>(_ run: DepthwisePlaneRun, _ taps: Taps, _ block: Rows.Type,
                                                                          rows: Range<Int>) {
        let vectors = 4 / Rows.rows, rowEnd = (run.outputWidth + 15) / 16 * 16
        let (lastRow, lastColumn, pitch, outputWidth) = (run.outputHeight - 1, run.outputWidth - 16, run.pitch, run.outputWidth)
        for firstRow in stride(from: rows.lowerBound, to: rows.upperBound, by: Rows.rows) {
            // Stacked blocks take four consecutive rows: the last block moves up instead of
            // repeating the last row.
            let firstBlockRow = Rows.rows == 4 && run.stacksRows ? min(firstRow, lastRow &- 3) : firstRow
            for firstColumn in stride(from: 0, to: rowEnd, by: 16 * vectors) {
                // Slot s of the block: its row s / vectors, its vector s mod vectors.
                // (Sizes are far from overflowing: they index allocated tensors.)
                @inline(__always)
                func slot(_ index: Int) -> (position: Int, output: Int) {
                    let row = min(firstBlockRow &+ index / vectors, lastRow)
                    let column = min(firstColumn &+ index % vectors &* 16, lastColumn)
                    return (row &* pitch &+ column, row &* outputWidth &+ column)
                }
                let slots = (slot(0), slot(1), slot(2), slot(3))
                let sums = Rows.rows == 4 && run.stacksRows
                    ? stackedSums(run, taps, at: slots.0.position)
                    : sums(run, taps, at: (slots.0.position, slots.1.position, slots.2.position, slots.3.position))
                store(run, sums.0, at: slots.0.output)
                store(run, sums.1, at: slots.1.output)
                store(run, sums.2, at: slots.2.output)
                store(run, sums.3, at: slots.3.output)
            }
        }
    }

    @inlinable @inline(__always)
    static func computeLine<Taps: DepthwiseTaps>(_ run: DepthwisePlaneRun, _ taps: Taps, length: Int,
                                                 into scratch: UnsafeMutablePointer<Float>) {
        let last = max(0, length - 16)
        for first in stride(from: 0, to: length, by: 64) {
            let positions = (min(first, last), min(first + 16, last), min(first + 32, last), min(first + 48, last))
            let sums = sums(run, taps, at: positions)
            UnsafeMutableRawPointer(scratch + positions.0).storeBytes(of: sums.0, as: SIMD16<Float>.self)
            UnsafeMutableRawPointer(scratch + positions.1).storeBytes(of: sums.1, as: SIMD16<Float>.self)
            UnsafeMutableRawPointer(scratch + positions.2).storeBytes(of: sums.2, as: SIMD16<Float>.self)
            UnsafeMutableRawPointer(scratch + positions.3).storeBytes(of: sums.3, as: SIMD16<Float>.self)
        }
    }

    /// The window sums of the four vectors of outputs at `positions`, each starting from the bias.
    @inlinable @inline(__always)
    static func sums<Taps: DepthwiseTaps>(_ run: DepthwisePlaneRun, _ taps: Taps, at positions: (Int, Int, Int, Int)) -> Block {
        let start = run.bias
        var sums = (start, start, start, start)
        for tap in 0..<taps.count {
            let weight = SIMD16<Float>(repeating: run.weights[tap]), source = UnsafeRawPointer(run.copy + run.offsets[tap])
            sums.0.addProduct(weight, source.loadUnaligned(fromByteOffset: positions.0 &* 4, as: SIMD16<Float>.self))
            sums.1.addProduct(weight, source.loadUnaligned(fromByteOffset: positions.1 &* 4, as: SIMD16<Float>.self))
            sums.2.addProduct(weight, source.loadUnaligned(fromByteOffset: positions.2 &* 4, as: SIMD16<Float>.self))
            sums.3.addProduct(weight, source.loadUnaligned(fromByteOffset: positions.3 &* 4, as: SIMD16<Float>.self))
        }
        return sums
    }

    /// `sums` for four vectors stacked one row apart from `position` (`run.stacksRows`): the
    /// same products in the same order, but each row of the copy is loaded once for the three
    /// or five output rows that read it.
    @inlinable @inline(__always)
    static func stackedSums<Taps: DepthwiseTaps>(_ run: DepthwisePlaneRun, _ taps: Taps, at position: Int) -> Block {
        let side = taps.count == 9 ? 3 : 5, pitch = run.pitch
        let start = run.bias
        var sums = (start, start, start, start)
        for i in 0..<side {
            for j in 0..<side {
                let weight = SIMD16<Float>(repeating: run.weights[i &* side &+ j])
                let source = UnsafeRawPointer(run.copy + (run.offsets[j] &+ position))
                @inline(__always)
                func row(_ index: Int) -> SIMD16<Float> {
                    source.loadUnaligned(fromByteOffset: (index &* pitch) &* 4, as: SIMD16<Float>.self)
                }
                sums.0.addProduct(weight, row(i))
                sums.1.addProduct(weight, row(i &+ 1))
                sums.2.addProduct(weight, row(i &+ 2))
                sums.3.addProduct(weight, row(i &+ 3))
            }
        }
        return sums
    }

    /// Stores the outputs of the window sums `sum` at `offset` of the output plane: the
    /// residual added, then the clamp applied (NaN kept; the upper bound wins).
    @inlinable @inline(__always)
    static func store(_ run: DepthwisePlaneRun, _ sum: SIMD16<Float>, at offset: Int) {
        var total = sum
        if let residual = run.residual {
            total += UnsafeRawPointer(residual + offset).loadUnaligned(as: SIMD16<Float>.self)
        }
        if run.clamps {
            total.replace(with: run.clampLower, where: total .< run.clampLower)
            total.replace(with: run.clampUpper, where: total .> run.clampUpper)
        }
        UnsafeMutableRawPointer(run.output + offset).storeBytes(of: total, as: SIMD16<Float>.self)
    }

    /// `store` of four vectors stacked one output row apart from `offset`, in order: in rows
    /// narrower than a vector, the lanes of each vector past its row run into the rows after
    /// it, which are stored after it (past the plane, into the thread's next plane, which
    /// overwrites them), and only the lanes before `run.writable` are stored
    /// (`storeStackedEnd`).
    @inlinable @inline(__always)
    static func storeStacked(_ run: DepthwisePlaneRun, _ sums: Block, at offset: Int) {
        let (outputWidth, end) = (run.outputWidth, run.writable)
        guard offset &+ 3 &* outputWidth &+ 16 <= end else { return storeStackedEnd(run, sums, at: offset, before: end) }
        store(run, sums.0, at: offset)
        store(run, sums.1, at: offset &+ outputWidth)
        store(run, sums.2, at: offset &+ 2 &* outputWidth)
        store(run, sums.3, at: offset &+ 3 &* outputWidth)
    }

    /// `store` of four vectors stacked one output row apart from `offset`, of which only the
    /// lanes before output `end` (the end of what may be written) are stored: whole vectors
    /// for the rows whose vector ends before it, lane by lane for the others.
    @inlinable @inline(never)
    static func storeStackedEnd(_ run: DepthwisePlaneRun, _ sums: Block, at offset: Int, before end: Int) {
        for (row, sum) in [sums.0, sums.1, sums.2, sums.3].enumerated() {
            let start = offset &+ row &* run.outputWidth, count = min(16, end &- start)
            guard count < 16 else {
                store(run, sum, at: start)
                continue
            }
            var total = sum
            if let residual = run.residual {
                for lane in 0..<count { total[lane] += residual[start &+ lane] }
            }
            let finished = clamped(run, total)
            for lane in 0..<count { run.output[start &+ lane] = finished[lane] }
        }
    }

    /// `total` with the clamp applied when `run.clamps` (NaN kept; the upper bound wins).
    @inlinable @inline(__always)
    static func clamped(_ run: DepthwisePlaneRun, _ total: SIMD16<Float>) -> SIMD16<Float> {
        guard run.clamps else { return total }
        var clamped = total
        clamped.replace(with: run.clampLower, where: clamped .< run.clampLower)
        clamped.replace(with: run.clampUpper, where: clamped .> run.clampUpper)
        return clamped
    }
}
