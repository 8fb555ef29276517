/// Copies blocks of A and B into the panel layouts the micro-kernel reads, padding partial
/// panels with zeros.
///
/// A block of A (`rows × depth`) becomes panels of MR rows, each stored step by step of the
/// depth (`MR` consecutive floats per step); a block of B (`depth × columns`) becomes panels
/// of NR columns, each stored row by row (`NR` consecutive floats per step).
public enum Packing<Architecture: GEMMArchitecture> {
    /// Packs A[rows, depth] (A stored `rows × depth` with leading dimension `leading`, or
    /// transposed) into `packed`, `roundUp(rows.count, MR) · depth.count` floats.
    @inlinable
    public static func packA(_ a: UnsafePointer<Float>, leading: Int, transposed: Bool, rows: Range<Int>,
                             depth: Range<Int>, into packed: UnsafeMutablePointer<Float>) {
        let tileRows = Architecture.blocking.tileRows
        let depthCount = depth.count
        var panel = packed
        for panelStart in stride(from: rows.lowerBound, to: rows.upperBound, by: tileRows) {
            let panelRows = min(tileRows, rows.upperBound - panelStart)
            if transposed && panelRows == tileRows {
                // Element by element: a loop of MR (a constant) becomes vector moves, where a
                // copy of MR floats would call the C library for every step of the depth.
                for step in 0..<depthCount {
                    let source = a + (depth.lowerBound + step) * leading + panelStart
                    let destination = panel + step * tileRows
                    for row in 0..<tileRows { destination[row] = source[row] }
                }
            } else if transposed {
                for step in 0..<depthCount {
                    let source = a + (depth.lowerBound + step) * leading + panelStart
                    let destination = panel + step * tileRows
                    destination.update(from: source, count: panelRows)
                    (destination + panelRows).update(repeating: 0, count: tileRows - panelRows)
                }
            } else if panelRows == tileRows {
                let source = a + panelStart * leading + depth.lowerBound
                for step in 0..<depthCount {
                    for row in 0..<tileRows { panel[step * tileRows + row] = source[row * leading + step] }
                }
            } else {
                panel.update(repeating: 0, count: tileRows * depthCount)
                for row in 0..<panelRows {
                    let source = a + (panelStart + row) * leading + depth.lowerBound
                    for step in 0..<depthCount { panel[step * tileRows + row] = source[step] }
                }
            }
            panel += tileRows * depthCount
        }
    }

    /// Packs B[depth, columns] (B stored `depth × columns` with leading dimension `leading`,
    /// or transposed) into `packed`, `depth.count · roundUp(columns.count, NR)` floats.
    @inlinable
    public static func packB(_ b: UnsafePointer<Float>, leading: Int, transposed: Bool, depth: Range<Int>,
                             columns: Range<Int>, into packed: UnsafeMutablePointer<Float>) {
        let tileColumns = Architecture.blocking.tileColumns
        let depthCount = depth.count
        var panel = packed
        for panelStart in stride(from: columns.lowerBound, to: columns.upperBound, by: tileColumns) {
            let panelColumns = min(tileColumns, columns.upperBound - panelStart)
            if transposed {
                for column in 0..<tileColumns {
                    if column < panelColumns {
                        let source = b + (panelStart + column) * leading + depth.lowerBound
                        for step in 0..<depthCount { panel[step * tileColumns + column] = source[step] }
                    } else {
                        for step in 0..<depthCount { panel[step * tileColumns + column] = 0 }
                    }
                }
            } else if panelColumns == tileColumns {
                copyFullRows(b + depth.lowerBound * leading + panelStart, leading: leading, count: depthCount, into: panel)
            } else {
                for step in 0..<depthCount {
                    let source = b + (depth.lowerBound + step) * leading + panelStart
                    let destination = panel + step * tileColumns
                    destination.update(from: source, count: panelColumns)
                    (destination + panelColumns).update(repeating: 0, count: tileColumns - panelColumns)
                }
            }
            panel += tileColumns * depthCount
        }
    }

    /// Copies `count` rows of NR floats, `leading` apart, into consecutive rows of `packed`.
    @inlinable @inline(__always)
    public static func copyFullRows(_ source: UnsafePointer<Float>, leading: Int, count: Int,
                                    into packed: UnsafeMutablePointer<Float>) {
        typealias Vector = Architecture.Vector
        let vectorsPerRow = Architecture.blocking.tileColumns / Vector.scalarCount
        let rowBytes = Architecture.blocking.tileColumns * MemoryLayout<Float>.stride
        var from = UnsafeRawPointer(source)
        var to = UnsafeMutableRawPointer(packed)
        for _ in 0..<count {
            for vector in 0..<vectorsPerRow {
                let offset = vector * MemoryLayout<Vector>.stride
                to.storeBytes(of: from.loadUnaligned(fromByteOffset: offset, as: Vector.self), toByteOffset: offset, as: Vector.self)
            }
            from += leading * MemoryLayout<Float>.stride
            to += rowBytes
        }
    }
}
