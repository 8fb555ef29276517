/// A position in a source file: `file:line:column`, lines and columns counted from 1.
///
/// Locations never take part in equality of graphs: two graphs that differ only in where their
/// text came from are the same graph.
public struct SourceLocation: Sendable, CustomStringConvertible {
    /// The file name as given by the user (or a description such as `<builder>`).
    public var file: String
    /// The line, from 1.
    public var line: Int
    /// The column, from 1, counted in Unicode scalars.
    public var column: Int

    /// Creates a location.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}
