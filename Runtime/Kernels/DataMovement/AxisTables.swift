/// One table per output axis, laid end to end in one `PreparedTable`: what pad and resize
/// compute at preparation for every output position of every axis (the input index it reads,
/// the weight it takes).
struct AxisTables<Element: BitwiseCopyable>: Sendable {
    /// Every axis' table, one after another.
    let values: PreparedTable<Element>
    /// Where each axis' table starts in `values`.
    let starts: [Int]

    /// The tables `tables`, in axis order.
    init(_ tables: [[Element]]) {
        var starts: [Int] = [], total = 0
        for table in tables {
            starts.append(total)
            total += table.count
        }
        self.starts = starts
        values = PreparedTable(Array(tables.joined()))
    }

    /// The first entry of axis `axis`' table.
    @inline(__always)
    func table(_ axis: Int) -> UnsafePointer<Element> { values.elements + starts[axis] }
}
