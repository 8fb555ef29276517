/// A left operand read in place, without packing: element (row, k) of A is
/// `source[start(row) + depthOffsets[k]]`, where the rows come in runs whose elements are
/// consecutive floats of `source` (`WindowRun`), best at most MR long (one register tile each).
///
/// A conv whose output positions are the product's rows reads its input this way: the depth
/// offsets are where each (input channel, kernel tap) reads relative to a position, and a run is
/// a stretch of one output row, whose positions read consecutive floats of a zero-padded,
/// column-phase-split copy of the input (or, for a 1x1 conv, of the input itself).
public struct WindowedRows: @unchecked Sendable {
    /// The floats the offsets count from.
    public var source: UnsafePointer<Float>
    /// For each depth step, its offset from a row's start (the product's depth of them).
    public var depthOffsets: UnsafePointer<Int>
    /// The runs of rows, covering the rows the product computes.
    public var runs: UnsafeBufferPointer<WindowRun>

    /// Creates the operand.
    @inlinable
    public init(source: UnsafePointer<Float>, depthOffsets: UnsafePointer<Int>, runs: UnsafeBufferPointer<WindowRun>) {
        self.source = source
        self.depthOffsets = depthOffsets
        self.runs = runs
    }
}

/// Consecutive rows of a `WindowedRows` operand whose elements are consecutive floats.
public struct WindowRun: Sendable, Equatable {
    /// The offset in the source of the first row's element at depth offset 0.
    public var start: Int
    /// The first row (of A and C).
    public var row: Int
    /// The number of rows (runs of more than MR rows are computed MR rows at a time; rows
    /// outside the product's C are skipped).
    public var count: Int

    /// Creates a run.
    @inlinable
    public init(start: Int, row: Int, count: Int) {
        self.start = start
        self.row = row
        self.count = count
    }
}
