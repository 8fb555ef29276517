/// The register tile and cache blocks of a packed GEMM, and the sizes of its packed buffers.
///
/// A product is computed in blocks of `blockColumns` columns (NC) and at most `blockDepth` of
/// the inner dimension (KC; the depth is cut into equal blocks), with A in blocks of
/// `blockRows` rows (MC); each block is a grid of `tileRows × tileColumns` tiles (MR × NR)
/// computed by the micro-kernel in registers.
public struct GEMMBlocking: Sendable, Equatable {
    /// Rows of one register tile (MR).
    public var tileRows: Int
    /// Columns of one register tile (NR), a multiple of the vector width.
    public var tileColumns: Int
    /// Rows of one packed block of A (MC), a multiple of `tileRows`.
    public var blockRows: Int
    /// The largest depth of one packed block (KC).
    public var blockDepth: Int
    /// Columns of one packed block of B (NC), a multiple of `tileColumns`.
    public var blockColumns: Int

    /// Creates a blocking; the block rows and columns are rounded down to whole tiles (at
    /// least one), so that packed blocks never hold a partial panel except at C's edges.
    @inlinable
    public init(tileRows: Int, tileColumns: Int, blockRows: Int, blockDepth: Int, blockColumns: Int) {
        self.tileRows = tileRows
        self.tileColumns = tileColumns
        self.blockRows = max(1, blockRows / tileRows) * tileRows
        self.blockDepth = blockDepth
        self.blockColumns = max(1, blockColumns / tileColumns) * tileColumns
    }

    /// `value` rounded up to a multiple of `multiple`.
    @inlinable
    public static func roundUp(_ value: Int, to multiple: Int) -> Int {
        (value + multiple - 1) / multiple * multiple
    }

    /// The number of depth blocks of a product of inner dimension `depth` (1 when it is 0).
    @inlinable
    public func depthBlockCount(_ depth: Int) -> Int {
        max(1, (depth + blockDepth - 1) / blockDepth)
    }

    /// The inner-dimension range of depth block `index`: the blocks have equal sizes (±1).
    @inlinable
    public func depthBlock(_ index: Int, of depth: Int) -> Range<Int> {
        let count = depthBlockCount(depth)
        return (index * depth / count)..<((index + 1) * depth / count)
    }

    /// The floats of A packed whole: its rows padded to a multiple of MR, times the depth.
    @inlinable
    public func packedAFloatCount(rows: Int, depth: Int) -> Int {
        GEMMBlocking.roundUp(rows, to: tileRows) * depth
    }

    /// The floats of B packed whole: its columns padded to a multiple of NR, times the depth.
    @inlinable
    public func packedBFloatCount(columns: Int, depth: Int) -> Int {
        GEMMBlocking.roundUp(columns, to: tileColumns) * depth
    }

    /// Where one thread's scratch holds, for a product of these sizes, the packed block of A
    /// (at 0), the packed block of B and the edge tiles, each on a 64-byte boundary, and the
    /// floats it needs in all.
    @inlinable
    public func workspaceLayout(rows: Int, columns: Int, depth: Int) -> (bBlock: Int, edgeTiles: Int, floats: Int) {
        let depthBlock = min(blockDepth, max(depth, 1))
        let aBlock = min(blockRows, GEMMBlocking.roundUp(rows, to: tileRows)) * depthBlock
        let bBlock = min(blockColumns, GEMMBlocking.roundUp(columns, to: tileColumns)) * depthBlock
        let edgeTiles = 2 * tileRows * tileColumns + tileColumns
        let bOffset = GEMMBlocking.roundUp(aBlock, to: 16)
        let edgeOffset = bOffset + GEMMBlocking.roundUp(bBlock, to: 16)
        return (bOffset, edgeOffset, edgeOffset + GEMMBlocking.roundUp(edgeTiles, to: 16))
    }
}
