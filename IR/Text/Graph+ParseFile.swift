import Foundation

extension Graph {
    /// Reads the IR text file at `path` and parses it (see `IRParser.parse`). Diagnostics name
    /// the file as `path`; an unreadable file, or bytes that are not UTF-8, are diagnostics too.
    public static func parse(file path: String) throws -> Graph {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Diagnostic("cannot read IR file '\(path)': it does not exist or is not a readable file")
        }
        return try IRParser.parse(try decodeUTF8(data, file: path), file: path)
    }

    /// The text of `bytes`, or a diagnostic at the line and column of the first byte that is not
    /// part of valid UTF-8.
    static func decodeUTF8(_ bytes: Data, file: String) throws -> String {
        var scalars = String.UnicodeScalarView()
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var line = 1
        var column = 1
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                scalars.append(scalar)
                if scalar == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            case .emptyInput:
                return String(scalars)
            case .error:
                throw Diagnostic("the file is not valid UTF-8 text", at: SourceLocation(file: file, line: line, column: column))
            }
        }
    }
}
