import CNNIR
import Foundation
import Synchronization
import Testing

/// One fuzz input: its text, the file name it is parsed under, and how it was made.
struct FuzzInput: Sendable, CustomStringConvertible {
    /// How the input was made (seed and mutations), to reproduce a failure.
    var origin: String
    /// The file name given to the parser.
    var file: String
    /// The text.
    var text: String

    var description: String { origin }
}

/// Feeds fuzz inputs to `parse` and then `verify`, the path `cnnc check` takes, and collects
/// every input that is not handled cleanly.
///
/// An input is handled cleanly when it takes at most `timeLimit` and either parses (and then
/// printing, parsing and printing again gives the same text: texts rather than graphs are
/// compared, so that `nan` attributes compare equal) or throws `Diagnostic`/`DiagnosticList`
/// whose every diagnostic has a location inside the input. The inputs run on a worker thread
/// that the calling task watches, so an input that never finishes is reported as a hang instead
/// of stalling the test run.
enum FuzzHarness {
    /// The longest any one input may take.
    static let timeLimit = Duration.seconds(1)
    /// How long the watchdog waits on one input, by default, before it reports a hang and gives up.
    static let hangLimit = Duration.seconds(20)
    /// At most this many failures are described.
    static let reportedFailures = 5

    /// Runs `check` (by default `problem(with:)`) on inputs `0..<count` made by `makeInput`, and
    /// returns the failures, each with its input. The caller's task only polls the worker, so
    /// it holds no thread of the test pool while the inputs run.
    static func run(count: Int, hangLimit: Duration = hangLimit,
                    check: @escaping @Sendable (FuzzInput) -> String? = problem(with:),
                    makeInput: @escaping @Sendable (Int) -> FuzzInput) async -> [String] {
        let progress = SharedProgress()
        let worker = Thread {
            for index in 0..<count {
                let input = makeInput(index)
                let start = ContinuousClock.now
                progress.state.withLock { $0.current = (input, start) }
                let problem = check(input)
                let elapsed = ContinuousClock.now - start
                let slow = elapsed > timeLimit ? "took \(elapsed) (limit \(timeLimit))" : nil
                if let failure = problem ?? slow {
                    progress.state.withLock { $0.record(failure, input) }
                }
            }
            progress.state.withLock { $0.isFinished = true }
        }
        worker.stackSize = 8 << 20
        worker.start()
        while true {
            try? await Task.sleep(for: .milliseconds(10))
            let (isFinished, hang): (Bool, FuzzInput?) = progress.state.withLock { state in
                guard let (input, start) = state.current, ContinuousClock.now - start > hangLimit else { return (state.isFinished, nil) }
                return (state.isFinished, input)
            }
            if isFinished { return progress.state.withLock { $0.report } }
            if let hang {
                return progress.state.withLock { $0.report } + [describe("does not finish within \(hangLimit) (hang)", hang)]
            }
        }
    }

    /// What is wrong with how `input` is handled, or `nil` if it is handled cleanly.
    static func problem(with input: FuzzInput) -> String? {
        let graph: Graph
        do {
            graph = try IRParser.parse(input.text, file: input.file)
        } catch {
            return diagnosticProblem(error, input)
        }
        let printed = IRPrinter.print(graph)
        do {
            let reprinted = IRPrinter.print(try IRParser.parse(printed, file: input.file))
            if reprinted != printed {
                return "an accepted input does not survive print and parse\n--- printed ---\n\(abbreviated(printed))\n--- printed again ---\n\(abbreviated(reprinted))"
            }
        } catch {
            return "the printed form of an accepted input does not parse: \(error)\n--- printed ---\n\(abbreviated(printed))"
        }
        do {
            try Verifier.verify(graph)
        } catch {
            return diagnosticProblem(error, input)
        }
        return nil
    }

    /// What is wrong with `error` as the answer to a bad input, or `nil` if it is a located diagnostic.
    static func diagnosticProblem(_ error: any Error, _ input: FuzzInput) -> String? {
        let diagnostics: [Diagnostic]
        switch error {
        case let diagnostic as Diagnostic: diagnostics = [diagnostic]
        case let list as DiagnosticList: diagnostics = list.diagnostics
        default: return "threw \(type(of: error)) instead of a Diagnostic: \(error)"
        }
        if diagnostics.isEmpty { return "threw an empty DiagnosticList" }
        let lines = input.text.split(separator: "\n", omittingEmptySubsequences: false)
        for diagnostic in diagnostics {
            guard let location = diagnostic.location else { return "diagnostic without a location: \(diagnostic)" }
            guard diagnostic.description.hasPrefix("\(input.file):\(location.line):\(location.column): ") else {
                return "diagnostic does not start with file:line:column: \(diagnostic)"
            }
            let inside = location.line >= 1 && location.line <= lines.count && location.column >= 1
                && location.column <= lines[location.line - 1].unicodeScalars.count + 1
            if location.file != input.file || !inside {
                return "diagnostic located outside the input (\(lines.count) lines): \(diagnostic)"
            }
        }
        return nil
    }

    /// A failure with the input that caused it.
    static func describe(_ failure: String, _ input: FuzzInput) -> String {
        "\(input.origin): \(failure)\n--- input (as a Swift literal) ---\n\(abbreviated(input.text).debugDescription)"
    }

    /// `text` cut after its first 3,000 characters.
    static func abbreviated(_ text: String) -> String {
        let limit = 3_000
        guard text.unicodeScalars.count > limit else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.prefix(limit))) + "\n<... cut>"
    }

    /// Records each failure `run` returned as an issue of the current test.
    static func record(_ failures: [String]) {
        for failure in failures { Issue.record(Comment(rawValue: failure)) }
    }

    /// The progress, shared between the worker and the watchdog.
    private final class SharedProgress: Sendable {
        let state = Mutex(Progress())
    }

    /// What the worker shares with the watchdog.
    private struct Progress {
        /// The input being checked and when its check started.
        var current: (input: FuzzInput, start: ContinuousClock.Instant)?
        /// The failures described so far.
        var failures: [String] = []
        /// How many failures there were in all.
        var failureCount = 0
        /// Whether the worker has checked every input.
        var isFinished = false

        /// The described failures, and how many more there were.
        var report: [String] {
            failures + (failureCount > failures.count ? ["... and \(failureCount - failures.count) more failures"] : [])
        }

        /// Counts a failure, and describes it if fewer than `reportedFailures` are described.
        mutating func record(_ failure: String, _ input: FuzzInput) {
            failureCount += 1
            if failures.count < FuzzHarness.reportedFailures { failures.append(FuzzHarness.describe(failure, input)) }
        }
    }
}
