/// How one product is split among threads: into bands of whole tiles along its columns (or
/// its rows, when there are too few column tiles), with at most one band per thread and enough
/// work in each band to pay for starting it.
struct GEMMPartition: Equatable {
    /// The number of bands (1 runs on the calling thread alone).
    var parts: Int
    /// Whether the bands are column ranges (else row ranges).
    var splitsColumns: Bool
    /// The product's rows.
    var rows: Int
    /// The product's columns.
    var columns: Int
    /// The band granularity along the split dimension (NR for columns, MR for rows).
    var unit: Int

    /// The least multiply-adds worth a band of its own (about 2 µs of one core).
    static let minimumMultiplyAddsPerPart = 1 << 18

    /// Splits a `rows × columns × depth` product for `threadCount` threads.
    init(rows: Int, columns: Int, depth: Int, blocking: GEMMBlocking, threadCount: Int) {
        self.rows = rows
        self.columns = columns
        let columnTiles = (columns + blocking.tileColumns - 1) / blocking.tileColumns
        let rowTiles = (rows + blocking.tileRows - 1) / blocking.tileRows
        splitsColumns = columnTiles >= 2 * threadCount || columnTiles >= rowTiles
        unit = splitsColumns ? blocking.tileColumns : blocking.tileRows
        let work = rows * columns * max(depth, 1)
        let byWork = max(1, work / GEMMPartition.minimumMultiplyAddsPerPart)
        parts = max(1, min(threadCount, byWork, splitsColumns ? columnTiles : rowTiles))
    }

    /// The rows and columns of C computed by band `part`.
    func ranges(of part: Int) -> (rows: Range<Int>, columns: Range<Int>) {
        let extent = splitsColumns ? columns : rows
        let units = (extent + unit - 1) / unit
        let band = min(extent, part * units / parts * unit)..<min(extent, (part + 1) * units / parts * unit)
        return splitsColumns ? (0..<rows, band) : (band, 0..<columns)
    }
}
