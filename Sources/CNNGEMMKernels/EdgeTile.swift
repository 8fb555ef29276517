/// Computes tiles whose last vector is cut by the right edge of C: the micro-kernel works on
/// a scratch tile (holding copies of C, the residual and the column bias where the epilogue
/// reads them), and only the columns inside C are copied back.
public enum EdgeTile<Architecture: GEMMArchitecture> {
    /// Computes one tile of `rows × columns` (at most MR × NR) into `target`, through the scratch
    /// at `scratch` (`2·MR·NR + NR` floats) when `columns` is not a multiple of the vector width.
    @inlinable
    public static func run<Left: TileLeftOperand>(rows: Int, columns: Int, depth: Int, a: Left, b: RightPanel,
                                                 target: TileTarget, scratch: UnsafeMutablePointer<Float>) {
        let lanes = Architecture.lanes
        let vectors = (columns + lanes - 1) / lanes
        guard columns != vectors * lanes else {
            TileDispatch<Architecture>.run(rows: rows, vectors: vectors, depth: depth, a: a, b: b, target: target)
            return
        }
        let width = Architecture.blocking.tileColumns
        let tile = scratch
        let residualTile = scratch + Architecture.blocking.tileRows * width
        let columnBiasTile = residualTile + Architecture.blocking.tileRows * width
        if target.beta != 0 {
            copy(rows: rows, columns: columns, from: target.c, leading: target.leadingC, to: tile, leading: width)
        }
        var epilogue = target.epilogue
        if let residual = epilogue?.residual, let leading = epilogue?.residualLeadingDimension {
            copy(rows: rows, columns: columns, from: residual, leading: leading, to: residualTile, leading: width)
            epilogue?.residual = UnsafePointer(residualTile)
            epilogue?.residualLeadingDimension = width
        }
        if let columnBias = epilogue?.columnBias {
            columnBiasTile.update(from: columnBias, count: columns)
            epilogue?.columnBias = UnsafePointer(columnBiasTile)
        }
        let scratchTarget = TileTarget(c: tile, leadingC: width, beta: target.beta, epilogue: epilogue)
        TileDispatch<Architecture>.run(rows: rows, vectors: vectors, depth: depth, a: a, b: b, target: scratchTarget)
        copy(rows: rows, columns: columns, from: tile, leading: width, to: target.c, leading: target.leadingC)
    }

    /// Copies a `rows × columns` block between row-major matrices.
    @inlinable
    public static func copy(rows: Int, columns: Int, from source: UnsafePointer<Float>, leading sourceLeading: Int,
                            to destination: UnsafeMutablePointer<Float>, leading destinationLeading: Int) {
        for row in 0..<rows {
            (destination + row * destinationLeading).update(from: source + row * sourceLeading, count: columns)
        }
    }
}
