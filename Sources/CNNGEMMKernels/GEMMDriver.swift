/// The blocked packed GEMM of one instruction set: loops over blocks of columns, depth and
/// rows, packs B and A blocks into the thread's scratch, and runs the micro-kernel on each
/// tile, applying beta on the first depth block and the epilogue on the last.
public enum GEMMDriver<Architecture: GEMMArchitecture> {
    /// Packs all of A (`rows × depth`, or transposed) for `multiply` with `.packed`: one
    /// packed block per depth block, `packedAFloatCount(rows:depth:)` floats in all.
    @inlinable
    public static func packA(_ a: UnsafePointer<Float>, leading: Int, transposed: Bool, rows: Int, depth: Int,
                             into packed: UnsafeMutablePointer<Float>) {
        let blocking = Architecture.blocking
        let paddedRows = GEMMBlocking.roundUp(rows, to: blocking.tileRows)
        for block in 0..<blocking.depthBlockCount(depth) {
            let depthRange = blocking.depthBlock(block, of: depth)
            Packing<Architecture>.packA(a, leading: leading, transposed: transposed, rows: 0..<rows, depth: depthRange,
                                        into: packed + paddedRows * depthRange.lowerBound)
        }
    }

    /// Packs all of B (`depth × columns`, or transposed) for operations with `packedB`: one
    /// packed block per depth block, `packedBFloatCount(columns:depth:)` floats in all.
    @inlinable
    public static func packB(_ b: UnsafePointer<Float>, leading: Int, transposed: Bool, columns: Int, depth: Int,
                             into packed: UnsafeMutablePointer<Float>) {
        let blocking = Architecture.blocking
        let paddedColumns = GEMMBlocking.roundUp(columns, to: blocking.tileColumns)
        for block in 0..<blocking.depthBlockCount(depth) {
            let depthRange = blocking.depthBlock(block, of: depth)
            Packing<Architecture>.packB(b, leading: leading, transposed: transposed, depth: depthRange, columns: 0..<columns,
                                        into: packed + paddedColumns * depthRange.lowerBound)
        }
    }

    /// Computes the rows `rows` and columns `columns` of the operation's C, using `workspace`
    /// (`workspaceLayout(...).floats` floats, 64-byte aligned). `rows.lowerBound` must be a
    /// multiple of MR when A is packed beforehand, `columns.lowerBound` of NR when B is. A
    /// windowed A computes the rows of its runs, which must lie in `rows`.
    @inlinable
    public static func multiply(_ operation: GEMMOperation, rows: Range<Int>, columns: Range<Int>,
                                workspace: UnsafeMutablePointer<Float>) {
        guard !rows.isEmpty, !columns.isEmpty else { return }
        let blocking = Architecture.blocking
        let layout = blocking.workspaceLayout(rows: operation.rows, columns: operation.columns, depth: operation.depth)
        let packedB = workspace + layout.bBlock
        let scratch = workspace + layout.edgeTiles
        let depthBlocks = blocking.depthBlockCount(operation.depth)
        let paddedColumns = GEMMBlocking.roundUp(operation.columns, to: blocking.tileColumns)
        for blockColumn in stride(from: columns.lowerBound, to: columns.upperBound, by: blocking.blockColumns) {
            let blockColumns = blockColumn..<min(blockColumn + blocking.blockColumns, columns.upperBound)
            for depthBlock in 0..<depthBlocks {
                let depthRange = blocking.depthBlock(depthBlock, of: operation.depth)
                let bBlock: RightBlock
                if let prepacked = operation.packedB {
                    bBlock = RightBlock(packed: prepacked + paddedColumns * depthRange.lowerBound + blockColumn * depthRange.count,
                                        packedFrom: blockColumn)
                } else if !operation.transposeB {
                    // Whole panels are read in place; a last, partial one is packed (with zeros).
                    let wholeEnd = blockColumn + blockColumns.count / blocking.tileColumns * blocking.tileColumns
                    if wholeEnd < blockColumns.upperBound {
                        Packing<Architecture>.packB(operation.b, leading: operation.leadingB, transposed: false, depth: depthRange,
                                                    columns: wholeEnd..<blockColumns.upperBound, into: packedB)
                    }
                    bBlock = RightBlock(packed: packedB, packedFrom: wholeEnd,
                                        inPlace: operation.b + depthRange.lowerBound * operation.leadingB,
                                        leading: operation.leadingB)
                } else {
                    Packing<Architecture>.packB(operation.b, leading: operation.leadingB, transposed: operation.transposeB,
                                                depth: depthRange, columns: blockColumns, into: packedB)
                    bBlock = RightBlock(packed: packedB, packedFrom: blockColumn)
                }
                let pass = BlockPass(operation: operation, depth: depthRange, isFirst: depthBlock == 0,
                                     isLast: depthBlock == depthBlocks - 1)
                if case .windowed(let windowed) = operation.a {
                    pass.run(windowed, columns: blockColumns, b: bBlock, scratch: scratch)
                    continue
                }
                for blockRow in stride(from: rows.lowerBound, to: rows.upperBound, by: blocking.blockRows) {
                    let blockRows = blockRow..<min(blockRow + blocking.blockRows, rows.upperBound)
                    guard let packedA = packedABlock(operation, rows: blockRows, depth: depthRange, scratch: workspace) else { break }
                    pass.run(rows: blockRows, columns: blockColumns, packedA: packedA, b: bBlock, scratch: scratch)
                }
            }
        }
    }

    /// The packed block of A for these rows and depth: inside A packed beforehand, or packed now
    /// into `scratch`; `nil` for a windowed A, which the micro-kernel reads in place.
    @inlinable
    public static func packedABlock(_ operation: GEMMOperation, rows: Range<Int>, depth: Range<Int>,
                                    scratch: UnsafeMutablePointer<Float>) -> UnsafePointer<Float>? {
        switch operation.a {
        case .windowed:
            return nil
        case .packed(let packed):
            let paddedRows = GEMMBlocking.roundUp(operation.rows, to: Architecture.blocking.tileRows)
            return packed + paddedRows * depth.lowerBound + rows.lowerBound * depth.count
        case .unpacked(let a, let leading, let transposed):
            Packing<Architecture>.packA(a, leading: leading, transposed: transposed, rows: rows, depth: depth, into: scratch)
            return UnsafePointer(scratch)
        }
    }

    /// Where one depth block's panels of B are: packed (NR floats per depth step, panel after
    /// panel) from column `packedFrom` on, and before it, when B is read in place, in B itself.
    public struct RightBlock {
        /// The packed panels.
        public var packed: UnsafePointer<Float>
        /// The first column of the packed panels.
        public var packedFrom: Int
        /// B's element (the block's first depth step, column 0) when whole panels are read in place.
        public var inPlace: UnsafePointer<Float>?
        /// B's leading dimension, when read in place.
        public var leading: Int

        /// A block of panels, packed from `packedFrom` on and in place before it when `inPlace` is given.
        @inlinable
        public init(packed: UnsafePointer<Float>, packedFrom: Int, inPlace: UnsafePointer<Float>? = nil, leading: Int = 0) {
            self.packed = packed
            self.packedFrom = packedFrom
            self.inPlace = inPlace
            self.leading = leading
        }

        /// The panel of the tile column starting at `column`, in a block of `depth` steps.
        @inlinable @inline(__always)
        public func panel(at column: Int, depth: Int) -> RightPanel {
            if let inPlace, column < packedFrom { return RightPanel(start: inPlace + column, stride: leading) }
            return RightPanel(start: packed + (column - packedFrom) * depth, stride: Architecture.blocking.tileColumns)
        }
    }

    /// One depth block's pass over a block of C: the tile grid, with beta on the first depth
    /// block and the epilogue on the last.
    public struct BlockPass {
        /// The operation.
        public var operation: GEMMOperation
        /// The depth block.
        public var depth: Range<Int>
        /// Whether this is the first depth block (beta applies).
        public var isFirst: Bool
        /// Whether this is the last depth block (the epilogue applies).
        public var isLast: Bool

        /// Creates a pass.
        @inlinable
        public init(operation: GEMMOperation, depth: Range<Int>, isFirst: Bool, isLast: Bool) {
            self.operation = operation
            self.depth = depth
            self.isFirst = isFirst
            self.isLast = isLast
        }

        /// Runs the micro-kernel over the tiles of C[rows, columns] from a packed block of A and
        /// the block's panels of B.
        @inlinable
        public func run(rows: Range<Int>, columns: Range<Int>, packedA: UnsafePointer<Float>,
                        b: RightBlock, scratch: UnsafeMutablePointer<Float>) {
            let blocking = Architecture.blocking
            let depthCount = depth.count
            let beta = isFirst ? operation.beta : 1
            for tileColumn in stride(from: columns.lowerBound, to: columns.upperBound, by: blocking.tileColumns) {
                let tileColumns = min(blocking.tileColumns, columns.upperBound - tileColumn)
                let bPanel = b.panel(at: tileColumn, depth: depthCount)
                for tileRow in stride(from: rows.lowerBound, to: rows.upperBound, by: blocking.tileRows) {
                    let tileRows = min(blocking.tileRows, rows.upperBound - tileRow)
                    let aPanel = packedA + (tileRow - rows.lowerBound) * depthCount
                    let target = TileTarget(c: operation.c + tileRow * operation.leadingC + tileColumn,
                                            leadingC: operation.leadingC, beta: beta,
                                            epilogue: isLast ? operation.epilogue.offset(row: tileRow, column: tileColumn) : nil)
                    EdgeTile<Architecture>.run(rows: tileRows, columns: tileColumns, depth: depthCount,
                                               a: PackedLeftPanel<Architecture>(aPanel),
                                               b: bPanel, target: target, scratch: scratch)
                }
            }
        }

        /// Runs the micro-kernel over the tiles of C[runs' rows, columns], one per run and panel
        /// of B, reading A in place from `windowed`.
        @inlinable
        public func run(_ windowed: WindowedRows, columns: Range<Int>, b: RightBlock,
                        scratch: UnsafeMutablePointer<Float>) {
            let blocking = Architecture.blocking
            let depthCount = depth.count
            let beta = isFirst ? operation.beta : 1
            let offsets = windowed.depthOffsets + depth.lowerBound
            for tileColumn in stride(from: columns.lowerBound, to: columns.upperBound, by: blocking.tileColumns) {
                let tileColumns = min(blocking.tileColumns, columns.upperBound - tileColumn)
                let bPanel = b.panel(at: tileColumn, depth: depthCount)
                for run in windowed.runs {
                    // Rows outside C are skipped, runs longer than a tile cut into tiles.
                    let first = max(0, run.row), end = min(operation.rows, run.row + run.count)
                    for tileRow in stride(from: first, to: end, by: blocking.tileRows) {
                        let target = TileTarget(c: operation.c + tileRow * operation.leadingC + tileColumn,
                                                leadingC: operation.leadingC, beta: beta,
                                                epilogue: isLast ? operation.epilogue.offset(row: tileRow, column: tileColumn) : nil)
                        let source = windowed.source + run.start + (tileRow - run.row)
                        EdgeTile<Architecture>.run(rows: min(blocking.tileRows, end - tileRow), columns: tileColumns,
                                                   depth: depthCount, a: WindowedLeftPanel(source: source, offsets: offsets),
                                                   b: bPanel, target: target, scratch: scratch)
                    }
                }
            }
        }
    }
}
