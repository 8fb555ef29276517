import CNNIR
import Foundation
import Testing

/// The fuzz harness itself must catch what it is there to catch: errors that are not
/// diagnostics, diagnostics without or outside a location, and inputs that never finish.
@Suite("Fuzz harness")
struct FuzzHarnessTests {
    static let input = FuzzInput(origin: "harness check", file: "h.ir", text: "graph @g(%x: f32[1]) {\n  return %x\n}\n")

    struct NotADiagnostic: Error {}

    @Test("a located diagnostic inside the input is accepted")
    func acceptsLocatedDiagnostic() {
        let error = Diagnostic("bad", at: SourceLocation(file: "h.ir", line: 2, column: 3))
        #expect(FuzzHarness.diagnosticProblem(error, Self.input) == nil)
        #expect(FuzzHarness.diagnosticProblem(DiagnosticList([error, error]), Self.input) == nil)
    }

    @Test("errors of other types, missing and impossible locations are failures")
    func rejectsUnlocatedOrForeignErrors() {
        let outside = Diagnostic("bad", at: SourceLocation(file: "h.ir", line: 9, column: 1))
        let pastTheLine = Diagnostic("bad", at: SourceLocation(file: "h.ir", line: 2, column: 40))
        let otherFile = Diagnostic("bad", at: SourceLocation(file: "other.ir", line: 1, column: 1))
        for error: any Error in [NotADiagnostic(), Diagnostic("bad"), outside, pastTheLine, otherFile, DiagnosticList([]), DiagnosticList([Diagnostic("bad")])] {
            #expect(FuzzHarness.diagnosticProblem(error, Self.input) != nil, "\(error) should be a failure")
        }
    }

    @Test("a valid input passes; a slow input and one that does not finish are reported")
    func detectsSlowInputsAndHangs() async {
        #expect(await FuzzHarness.run(count: 1) { _ in Self.input }.isEmpty)
        let slow: @Sendable (FuzzInput) -> String? = { _ in
            Thread.sleep(forTimeInterval: 1.1)
            return nil
        }
        let slowFailures = await FuzzHarness.run(count: 1, check: slow) { _ in Self.input }
        #expect(slowFailures.count == 1 && slowFailures[0].contains("took"), "\(slowFailures)")
        let neverDone: @Sendable (FuzzInput) -> String? = { _ in
            Thread.sleep(forTimeInterval: 1)
            return nil
        }
        let failures = await FuzzHarness.run(count: 1, hangLimit: .milliseconds(300), check: neverDone) { _ in Self.input }
        #expect(failures.count == 1 && failures[0].contains("hang"), "\(failures)")
    }
}
