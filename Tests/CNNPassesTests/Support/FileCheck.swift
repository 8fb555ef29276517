import Foundation

/// One `// CHECK…: pattern` line of a pass fixture.
struct CheckDirective: Sendable, Equatable {
    /// What the pattern must do.
    enum Kind: String, CaseIterable, Sendable {
        /// Occur after the previous match.
        case check = "CHECK"
        /// Occur on the line right after the previous match's line.
        case next = "CHECK-NEXT"
        /// Not occur between the previous match and the next one (or the end).
        case not = "CHECK-NOT"
    }

    /// The directive's kind.
    var kind: Kind
    /// The literal text to find.
    var pattern: String
    /// The fixture line the directive is written on.
    var line: Int
}

/// Matches CHECK directives against a printed graph the way LLVM's FileCheck does, with literal
/// patterns: positive patterns in order, each after the previous match; CHECK-NEXT on the line
/// after the previous match; CHECK-NOT nowhere between the surrounding positive matches.
enum FileCheck {
    /// Every failure of `directives` against `output` (empty when everything matches). Matching
    /// stops at the first positive pattern that is not found.
    static func failures(of directives: [CheckDirective], in output: String) -> [String] {
        var failures: [String] = []
        var cursor = output.startIndex
        var previousLine: Int?
        var pendingNots: [CheckDirective] = []
        for directive in directives {
            guard directive.kind != .not else {
                pendingNots.append(directive)
                continue
            }
            guard let match = output.range(of: directive.pattern, range: cursor..<output.endIndex) else {
                let place = previousLine.map { "after output line \($0)" } ?? "in the output"
                failures.append("line \(directive.line): \(directive.kind.rawValue): '\(directive.pattern)' not found \(place)")
                return failures
            }
            let line = lineNumber(of: match.lowerBound, in: output)
            if directive.kind == .next, line != (previousLine ?? 0) + 1 || previousLine == nil {
                let expected = previousLine.map { "on output line \($0 + 1)" } ?? "after a previous match"
                failures.append("line \(directive.line): CHECK-NEXT: '\(directive.pattern)' found on output line \(line), expected \(expected)")
            }
            failures += absent(pendingNots, in: output[cursor..<match.lowerBound])
            pendingNots = []
            cursor = match.upperBound
            previousLine = line
        }
        return failures + absent(pendingNots, in: output[cursor...])
    }

    /// The failures of CHECK-NOT directives whose pattern occurs in `region`.
    private static func absent(_ directives: [CheckDirective], in region: Substring) -> [String] {
        directives.filter { region.contains($0.pattern) }.map {
            "line \($0.line): CHECK-NOT: '\($0.pattern)' occurs in the output"
        }
    }

    /// The 1-based line of `index` in `text`.
    private static func lineNumber(of index: String.Index, in text: String) -> Int {
        text[..<index].reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
    }
}
