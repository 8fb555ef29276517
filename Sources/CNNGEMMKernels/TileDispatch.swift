/// Runs the micro-kernel instance for a tile of `rows` rows and `Vectors` vectors per row:
/// integer generic parameters are compile-time constants, so every edge size has its own
/// fully unrolled instance.
public enum TileRowsDispatch<let Vectors: Int, Architecture: GEMMArchitecture> {
    /// Computes a tile of `rows` rows (1 through 8, at most the architecture's MR).
    @inlinable
    public static func run<Left: TileLeftOperand>(rows: Int, depth: Int, a: Left, b: RightPanel,
                                                 target: TileTarget) {
        switch rows {
        case 1: MicroTile<1, Vectors, Architecture>.run(depth: depth, a: a, b: b, target: target)
        case 2: MicroTile<2, Vectors, Architecture>.run(depth: depth, a: a, b: b, target: target)
        case 3: MicroTile<3, Vectors, Architecture>.run(depth: depth, a: a, b: b, target: target)
        case 4: MicroTile<4, Vectors, Architecture>.run(depth: depth, a: a, b: b, target: target)
        case 5: MicroTile<5, Vectors, Architecture>.run(depth: depth, a: a, b: b, target: target)
        case 6: MicroTile<6, Vectors, Architecture>.run(depth: depth, a: a, b: b, target: target)
        case 7: MicroTile<7, Vectors, Architecture>.run(depth: depth, a: a, b: b, target: target)
        case 8: MicroTile<8, Vectors, Architecture>.run(depth: depth, a: a, b: b, target: target)
        default: break
        }
    }
}

/// Runs the micro-kernel instance for a tile of `rows` rows and `vectors` vectors per row.
public enum TileDispatch<Architecture: GEMMArchitecture> {
    /// Computes a tile of `rows` rows (1 through 8) and `vectors` vectors (1 through 3).
    @inlinable
    public static func run<Left: TileLeftOperand>(rows: Int, vectors: Int, depth: Int, a: Left,
                                                 b: RightPanel, target: TileTarget) {
        switch vectors {
        case 1: TileRowsDispatch<1, Architecture>.run(rows: rows, depth: depth, a: a, b: b, target: target)
        case 2: TileRowsDispatch<2, Architecture>.run(rows: rows, depth: depth, a: a, b: b, target: target)
        case 3: TileRowsDispatch<3, Architecture>.run(rows: rows, depth: depth, a: a, b: b, target: target)
        default: break
        }
    }
}
