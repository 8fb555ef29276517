/// The graph inputs named on the command line with `--input NAME=FILE.npy`, in command-line order.
struct InputFiles: Sendable {
    /// One `--input NAME=FILE` value.
    struct Entry: Sendable {
        /// The graph input's name, without `%`.
        var name: String
        /// The `.npy` file holding its value.
        var path: String
    }

    /// The entries, in command-line order.
    var entries: [Entry] = []

    /// No files.
    init() {}

    /// Parses `NAME=FILE` values (a leading `%` on the name is accepted); throws a usage error
    /// for a value without `=`, with an empty name or file, or naming an input twice.
    init(parsing values: [String]) throws(UsageError) {
        for value in values {
            guard let separator = value.firstIndex(of: "="), separator != value.startIndex,
                  value.index(after: separator) != value.endIndex else {
                throw UsageError("--input expects NAME=FILE.npy, found '\(value)'")
            }
            var name = String(value[..<separator])
            if name.hasPrefix("%") { name.removeFirst() }
            let path = String(value[value.index(after: separator)...])
            if entries.contains(where: { $0.name == name }) {
                throw UsageError("--input gives the input \(name) twice")
            }
            entries.append(Entry(name: name, path: path))
        }
    }
}
