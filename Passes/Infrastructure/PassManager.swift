import CNNIR

/// Runs a pipeline of passes on a compilation unit: verifies the input, runs each pass in
/// order (verifying after each one with `verifyEach`), prints the IR where asked (before
/// verifying it, so that a pass that breaks the graph can be seen), times every pass, and
/// verifies the result.
///
/// ```swift
/// var unit = CompilationUnit(graph: graph, weights: weights)
/// let manager = PassManager(options: PassManagerOptions(verifyEach: true))
/// try manager.run(.o2, on: &unit)
/// ```
public struct PassManager: Sendable {
    /// Where pass names are looked up.
    public var registry: PassRegistry
    /// Verification, printing and timing.
    public var options: PassManagerOptions

    /// Creates a manager over `registry` (every cnnc pass by default).
    public init(registry: PassRegistry = .standard, options: PassManagerOptions = PassManagerOptions()) {
        self.registry = registry
        self.options = options
    }

    /// The passes `pipeline` names, looked up before anything runs. Throws a `Diagnostic` for
    /// an unknown pass name (listing the known ones) and for a `printAfter` name that is not in
    /// the pipeline.
    public func resolve(_ pipeline: PassPipeline) throws -> [any Pass] {
        let passes = try pipeline.passNames.map { try registry.pass(named: $0) }
        for name in options.printAfter.sorted() where !pipeline.passNames.contains(name) {
            _ = try registry.pass(named: name)
            let names = pipeline.passNames.isEmpty ? "no passes" : pipeline.description
            throw Diagnostic("cannot print after pass '\(name)': the pipeline (\(names)) does not run it")
        }
        return passes
    }

    /// Runs `pipeline` on `unit` and returns the time each pass took.
    ///
    /// Throws the verifier's `DiagnosticList` when the input does not verify; a pass's own
    /// diagnostics, prefixed with the pass's name; and a `DiagnosticList` prefixed with
    /// `after pass 'NAME':` when a pass leaves a unit that does not verify. `unit` holds the
    /// result of the last pass that succeeded.
    @discardableResult
    public func run(_ pipeline: PassPipeline, on unit: inout CompilationUnit) throws -> PassTimingReport {
        let passes = try resolve(pipeline)
        var report = PassTimingReport()
        try verify(unit, after: nil, report: &report)
        let clock = ContinuousClock()
        for (position, pass) in passes.enumerated() {
            var transformed = unit
            let duration = try clock.measure {
                do {
                    try pass.run(on: &transformed)
                } catch {
                    throw Self.prefixed(error, "pass '\(pass.name)'")
                }
            }
            report.entries.append(PassTimingReport.Entry(pass: pass.name, duration: duration))
            if options.printAfterAll || options.printAfter.contains(pass.name) {
                options.output("// *** IR after \(pass.name) ***\n" + IRPrinter.print(transformed.graph))
            }
            if options.verifyEach || position == passes.count - 1 {
                let context = options.verifyEach ? "after pass '\(pass.name)'"
                    : "after the pipeline (run with verify-each to find the pass)"
                try verify(transformed, after: context, report: &report)
            }
            unit = transformed
        }
        if options.timePasses { options.output(report.table) }
        return report
    }

    /// Verifies `unit`, adding the time to `report`; `context` (nil for the input) prefixes
    /// every diagnostic.
    private func verify(_ unit: CompilationUnit, after context: String?, report: inout PassTimingReport) throws {
        let clock = ContinuousClock()
        var failure: (any Error)?
        report.verification += clock.measure {
            do { try unit.verify() } catch { failure = error }
        }
        guard let failure else { return }
        guard let context else { throw failure }
        throw Self.prefixed(failure, context)
    }

    /// `error` with every diagnostic's message prefixed with `context: `.
    static func prefixed(_ error: any Error, _ context: String) -> any Error {
        func prefix(_ diagnostic: Diagnostic) -> Diagnostic {
            var copy = diagnostic
            copy.message = context + ": " + diagnostic.message
            return copy
        }
        switch error {
        case let diagnostic as Diagnostic: return prefix(diagnostic)
        case let list as DiagnosticList: return DiagnosticList(list.diagnostics.map(prefix))
        default: return Diagnostic(context + ": " + String(describing: error))
        }
    }
}
