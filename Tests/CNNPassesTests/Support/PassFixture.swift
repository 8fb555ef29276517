import CNNPasses
import Foundation
import Testing

/// One case of a pass fixture file (`Tests/CNNPassesTests/Fixtures/*.ir`).
///
/// A fixture file holds one or more cases separated by `// -----` lines. Each case is IR text
/// (comments are `//`), a `// RUN: pass,pass` (or `// RUN: -O2`) line naming the pipeline (a
/// case without one uses the file's first), and `// CHECK:`, `// CHECK-NEXT:` and `// CHECK-NOT:` lines matched
/// against the printed IR after the pipeline (see `FileCheck`).
struct PassFixture: Sendable, CustomTestStringConvertible {
    /// The fixture file's name, such as `fold-pad.ir`.
    var fileName: String
    /// The file line where the case starts.
    var line: Int
    /// The pipeline the case runs.
    var pipeline: PassPipeline
    /// The whole file with every other case's lines blanked, so diagnostics keep file lines.
    var text: String
    /// The case's CHECK directives, in order.
    var checks: [CheckDirective]

    var testDescription: String { "\(fileName):\(line)" }

    /// The folder of the fixture files.
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    /// Every case of every fixture file, in file-name order, and the problems of the files that
    /// cannot be read or split into cases.
    static let loaded: (fixtures: [PassFixture], problems: [FixtureProblem]) = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        var fixtures: [PassFixture] = []
        var problems: [FixtureProblem] = []
        for name in names.filter({ $0.hasSuffix(".ir") }).sorted() {
            do {
                let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
                fixtures += try cases(in: text, fileName: name)
            } catch {
                problems.append(FixtureProblem(fileName: name, message: String(describing: error)))
            }
        }
        return (fixtures, problems)
    }()

    /// The cases of a fixture file's `text`.
    static func cases(in text: String, fileName: String) throws -> [PassFixture] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var starts = [0]
        for (index, line) in lines.enumerated() where line.trimmingCharacters(in: .whitespaces) == "// -----" {
            starts.append(index + 1)
        }
        var fixtures: [PassFixture] = []
        var defaultPipeline: PassPipeline?
        for (position, start) in starts.enumerated() {
            let end = position + 1 < starts.count ? starts[position + 1] - 1 : lines.count
            var pipeline: PassPipeline?
            var checks: [CheckDirective] = []
            for index in start..<end {
                let comment = lines[index].trimmingCharacters(in: .whitespaces)
                guard comment.hasPrefix("//") else { continue }
                let body = comment.dropFirst(2).trimmingCharacters(in: .whitespaces)
                let word = body.prefix { $0.isUppercase || $0 == "-" }
                guard word.count >= 2, body.dropFirst(word.count).first == ":" else { continue }
                if word == "RUN" {
                    pipeline = try runLine(body.dropFirst(4).trimmingCharacters(in: .whitespaces))
                } else {
                    checks.append(try directive(body, line: index + 1, fileName: fileName))
                }
            }
            defaultPipeline = defaultPipeline ?? pipeline
            guard let runs = pipeline ?? defaultPipeline else {
                throw FixtureProblem(fileName: fileName, message: "line \(start + 1): the case has no // RUN: line")
            }
            guard !checks.isEmpty else {
                throw FixtureProblem(fileName: fileName, message: "line \(start + 1): the case has no CHECK line")
            }
            let blanked = lines.indices.map { (start..<end).contains($0) ? lines[$0] : "" }
            fixtures.append(PassFixture(fileName: fileName, line: start + 1, pipeline: runs,
                                        text: blanked.joined(separator: "\n"), checks: checks))
        }
        return fixtures
    }

    /// The pipeline of a RUN line: `-O0`, `-O2`, or pass names separated by commas.
    private static func runLine(_ text: String) throws -> PassPipeline {
        text.hasPrefix("-O") ? try PassPipeline.level(String(text.dropFirst(2))) : try PassPipeline(parsing: text)
    }

    /// The directive written as `body` (the comment without `//`), such as `CHECK-NOT: relu`.
    private static func directive(_ body: String, line: Int, fileName: String) throws -> CheckDirective {
        guard let colon = body.firstIndex(of: ":"),
              let kind = CheckDirective.Kind(rawValue: String(body[..<colon])) else {
            let kinds = (["RUN"] + CheckDirective.Kind.allCases.map(\.rawValue)).joined(separator: ", ")
            throw FixtureProblem(fileName: fileName, message: "line \(line): unknown directive '\(body)'; the directives are \(kinds)")
        }
        let pattern = body[body.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        guard !pattern.isEmpty else {
            throw FixtureProblem(fileName: fileName, message: "line \(line): \(kind.rawValue) has an empty pattern")
        }
        return CheckDirective(kind: kind, pattern: pattern, line: line)
    }
}

/// Why a fixture file could not be turned into cases.
struct FixtureProblem: Error, Sendable, CustomStringConvertible {
    /// The fixture file's name.
    var fileName: String
    /// What is wrong.
    var message: String

    var description: String { "\(fileName): \(message)" }
}
