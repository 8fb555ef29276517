/// Rows of text in aligned columns: the first column left-aligned, the others right-aligned
/// (they hold numbers), separated by two spaces.
struct TextTable: Sendable {
    /// How a column is aligned.
    enum Alignment: Sendable {
        /// Padded on the right.
        case left
        /// Padded on the left.
        case right
    }

    /// The column headings.
    var header: [String]
    /// The alignment of each column.
    var alignments: [Alignment]
    /// The rows, each with one cell per column.
    var rows: [[String]] = []

    /// The table as lines of text, header first, without trailing spaces.
    var text: String {
        let lines = [header] + rows
        let widths = header.indices.map { column in lines.map { $0[column].count }.max() ?? 0 }
        return lines.map { cells in
            let line = cells.indices.map { column in
                let padding = String(repeating: " ", count: widths[column] - cells[column].count)
                return alignments[column] == .left ? cells[column] + padding : padding + cells[column]
            }.joined(separator: "  ")
            return String(line.reversed().drop { $0 == " " }.reversed())
        }.joined(separator: "\n")
    }
}
