/// Transposes row-major blocks of floats, 8 × 8 at a time in registers: three rounds of
/// splitting each pair of rows into their even and their odd lanes rotate an element's
/// (row, lane) bits by three, which swaps row and lane. The edges that do not fill 8 × 8 are
/// copied one element at a time.
enum BlockTranspose {
    /// Eight lanes: one AVX2 register.
    typealias Lanes = SIMD8<Float>

    /// Writes the transpose of the `rows × columns` block at `source` (rows `sourceLeading` apart)
    /// to `destination` (`columns × rows`, rows `destinationLeading` apart).
    static func transpose(_ source: UnsafePointer<Float>, rows: Int, columns: Int, sourceLeading: Int,
                          into destination: UnsafeMutablePointer<Float>, destinationLeading: Int) {
        var row = 0
        while row + 8 <= rows {
            var column = 0
            while column + 8 <= columns {
                transposeTile(source + row * sourceLeading + column, sourceLeading,
                              destination + column * destinationLeading + row, destinationLeading)
                column += 8
            }
            copy(source, rows: row..<(row + 8), columns: column..<columns, sourceLeading, destination, destinationLeading)
            row += 8
        }
        copy(source, rows: row..<rows, columns: 0..<columns, sourceLeading, destination, destinationLeading)
    }

    /// One 8 × 8 tile.
    @inline(__always)
    private static func transposeTile(_ source: UnsafePointer<Float>, _ sourceLeading: Int,
                                      _ destination: UnsafeMutablePointer<Float>, _ destinationLeading: Int) {
        func load(_ row: Int) -> Lanes { UnsafeRawPointer(source + row * sourceLeading).loadUnaligned(as: Lanes.self) }
        let rows = transposed((load(0), load(1), load(2), load(3), load(4), load(5), load(6), load(7)))
        func store(_ lanes: Lanes, _ row: Int) {
            UnsafeMutableRawPointer(destination + row * destinationLeading).storeBytes(of: lanes, as: Lanes.self)
        }
        store(rows.0, 0); store(rows.1, 1); store(rows.2, 2); store(rows.3, 3)
        store(rows.4, 4); store(rows.5, 5); store(rows.6, 6); store(rows.7, 7)
    }

    /// Eight rows of eight lanes.
    typealias Tile = (Lanes, Lanes, Lanes, Lanes, Lanes, Lanes, Lanes, Lanes)

    /// The transpose of an 8 × 8 tile: lane j of row i becomes lane i of row j.
    @inline(__always)
    static func transposed(_ rows: Tile) -> Tile {
        split(split(split(rows)))
    }

    /// One round: the even lanes of each pair of rows, then their odd lanes.
    @inline(__always)
    private static func split(_ r: Tile) -> Tile {
        (Lanes(lowHalf: r.0.evenHalf, highHalf: r.1.evenHalf), Lanes(lowHalf: r.2.evenHalf, highHalf: r.3.evenHalf),
         Lanes(lowHalf: r.4.evenHalf, highHalf: r.5.evenHalf), Lanes(lowHalf: r.6.evenHalf, highHalf: r.7.evenHalf),
         Lanes(lowHalf: r.0.oddHalf, highHalf: r.1.oddHalf), Lanes(lowHalf: r.2.oddHalf, highHalf: r.3.oddHalf),
         Lanes(lowHalf: r.4.oddHalf, highHalf: r.5.oddHalf), Lanes(lowHalf: r.6.oddHalf, highHalf: r.7.oddHalf))
    }

    /// The transpose of the source's `rows × columns` part, one element at a time.
    @inline(__always)
    private static func copy(_ source: UnsafePointer<Float>, rows: Range<Int>, columns: Range<Int>, _ sourceLeading: Int,
                             _ destination: UnsafeMutablePointer<Float>, _ destinationLeading: Int) {
        for column in columns {
            for row in rows { destination[column * destinationLeading + row] = source[row * sourceLeading + column] }
        }
    }
}
