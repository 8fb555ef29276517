import CNNGEMM

/// The runs (`WindowRun`) in which a transposed conv product reads its left operand in place: a
/// band of output positions cut into stretches of at most MR positions whose reads are
/// consecutive floats, each a register tile's rows.
///
/// In a phase-split band (`PhaseSplitImage`) consecutive positions read consecutive floats only
/// within an output row, so runs never cross rows; in the input of a 1x1 conv of stride 1 every
/// position does, so runs cross rows freely. A stretch of n positions becomes ⌈n / MR⌉ runs of
/// nearly equal length (14 = 7 + 7 rather than 8 + 6; 49 = 7 × 7), so that no tile is much
/// shorter than the others.
struct PositionRuns {
    /// The positions of one output row, or `nil` when runs may cross rows.
    let rowLength: Int?
    /// Where position (row, column) reads, relative to position (0, 0): `row · rowStep + column`.
    let rowStep: Int
    /// The longest run (the register tile's rows).
    let maximumLength: Int

    /// Calls `body` with the runs of `positions`; each run's row counts from `positions.lowerBound`.
    func withRuns<Result>(of positions: Range<Int>, _ body: (UnsafeBufferPointer<WindowRun>) -> Result) -> Result {
        let capacity = positions.count
        return withUnsafeTemporaryAllocation(of: WindowRun.self, capacity: max(1, capacity)) { storage in
            var count = 0
            var stretchStart = positions.lowerBound
            while stretchStart < positions.upperBound {
                let (row, column) = rowLength.map { stretchStart.quotientAndRemainder(dividingBy: $0) } ?? (0, stretchStart)
                let stretchEnd = min(positions.upperBound, rowLength.map { stretchStart - column + $0 } ?? positions.upperBound)
                let stretch = stretchEnd - stretchStart
                let pieces = (stretch + maximumLength - 1) / maximumLength
                for piece in 0..<pieces {
                    let share = equalShare(piece, of: pieces, stretch)
                    storage[count] = WindowRun(start: row * rowStep + column + share.lowerBound,
                                               row: stretchStart - positions.lowerBound + share.lowerBound,
                                               count: share.count)
                    count += 1
                }
                stretchStart = stretchEnd
            }
            return body(UnsafeBufferPointer(rebasing: storage[..<count]))
        }
    }
}
