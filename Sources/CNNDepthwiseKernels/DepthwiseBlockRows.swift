/// The number of output rows one block of four vectors covers in a row sweep; the other
/// `4 / rows` vectors of the block go along each row. A type per shape, so that the block's
/// positions are computed with constants.
public protocol DepthwiseBlockRows {
    /// Output rows per block: 1, 2 or 4.
    static var rows: Int { get }
}

/// Blocks of one row of four vectors.
public enum OneRowBlocks: DepthwiseBlockRows {
    /// 1.
    @inlinable public static var rows: Int { 1 }
}

/// Blocks of two rows of two vectors.
public enum TwoRowBlocks: DepthwiseBlockRows {
    /// 2.
    @inlinable public static var rows: Int { 2 }
}

/// Blocks of four rows of one vector.
public enum FourRowBlocks: DepthwiseBlockRows {
    /// 4.
    @inlinable public static var rows: Int { 4 }
}
