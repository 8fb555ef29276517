/// "Did you mean ...?" for misspelled names, and lists of names in messages.
enum NameSuggestions {
    /// The longest name for which close matches are searched.
    private static let longestComparedName = 64

    /// The message for an op name that is not in the op set, with the closest op names.
    static func unknownOpMessage(_ name: String) -> String {
        let matches = closeMatches(to: name, among: OpKind.allCases.map(\.rawValue) + ["param"])
        guard !matches.isEmpty else { return "unknown op '\(name)' (the op set is listed in docs/IR-ops.md)" }
        return "unknown op '\(name)'; did you mean \(list(matches, conjunction: "or"))?"
    }

    /// Up to three of `candidates` closest to `name` (ignoring case), nearest first: those within
    /// an edit distance of a third of the name's length (at least 1, at most 3).
    static func closeMatches(to name: String, among candidates: [String]) -> [String] {
        let target = Array(name.lowercased().unicodeScalars)
        guard target.count <= longestComparedName else { return [] }
        let limit = min(3, max(1, target.count / 3))
        let scored = candidates.compactMap { candidate -> (distance: Int, name: String)? in
            let distance = editDistance(target, Array(candidate.lowercased().unicodeScalars))
            return distance <= limit ? (distance, candidate) : nil
        }
        return scored.sorted { ($0.distance, $0.name) < ($1.distance, $1.name) }.prefix(3).map(\.name)
    }

    /// The Levenshtein distance between two scalar sequences.
    static func editDistance(_ first: [Unicode.Scalar], _ second: [Unicode.Scalar]) -> Int {
        var previous = Array(0...second.count)
        for (row, scalar) in first.enumerated() {
            var current = [row + 1]
            for (column, other) in second.enumerated() {
                let substitution = previous[column] + (scalar == other ? 0 : 1)
                current.append(min(substitution, previous[column + 1] + 1, current[column] + 1))
            }
            previous = current
        }
        return previous[second.count]
    }

    /// Names quoted and joined for a message: `'a'`, `'a' or 'b'`, `'a', 'b' or 'c'`.
    static func list(_ names: [String], conjunction: String) -> String {
        let quoted = names.map { "'\($0)'" }
        guard let last = quoted.last, quoted.count > 1 else { return quoted.first ?? "" }
        return quoted.dropLast().joined(separator: ", ") + " \(conjunction) " + last
    }
}
