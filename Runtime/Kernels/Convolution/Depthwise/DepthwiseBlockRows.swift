/// The number of output rows one block of four vectors covers in a row sweep
/// (`DepthwiseSweep`); the other `4 / rows` vectors of the block go along each row. A type per
/// shape, so that the block's positions are computed with constants.
protocol DepthwiseBlockRows {
    /// Output rows per block: 1, 2 or 4.
    static var rows: Int { get }
}

/// Blocks of one row of four vectors.
enum OneRowBlocks: DepthwiseBlockRows {
    static var rows: Int { 1 }
}

/// Blocks of two rows of two vectors.
enum TwoRowBlocks: DepthwiseBlockRows {
    static var rows: Int { 2 }
}

/// Blocks of four rows of one vector.
enum FourRowBlocks: DepthwiseBlockRows {
    static var rows: Int { 4 }
}
