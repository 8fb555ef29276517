import CNNPasses
import Testing

/// Every case of every fixture file under `Fixtures/`: the pipeline runs with verification after
/// each pass, the printed IR matches the CHECK lines, and the reference executor computes the
/// same outputs before and after (relative L2 ≤ `NumericalCheck.tolerance`).
@Suite struct PassFixtureTests {
    @Test func everyFixtureFileSplitsIntoCases() {
        #expect(PassFixture.loaded.problems.isEmpty, "\(PassFixture.loaded.problems)")
        #expect(!PassFixture.loaded.fixtures.isEmpty)
    }

    @Test(arguments: PassFixture.loaded.fixtures)
    func fixture(_ fixture: PassFixture) throws {
        let run = try FixtureRun(fixture)
        #expect(run.checkFailures.isEmpty, "\(run.checkFailures.joined(separator: "\n"))\n--- output:\n\(run.output)")
        for (position, error) in run.relativeErrors.enumerated() {
            #expect(error <= NumericalCheck.tolerance, "output \(position): relative L2 error \(error)")
        }
    }

    /// Each pass has at least three fixtures that run it alone and change the graph, and two
    /// that run it alone and leave the graph as it was. (differentiate always extends the graph
    /// or fails: its refusals are tested in DifferentiatorTests.)
    @Test(arguments: PassRegistry.standard.names.filter { $0 != DifferentiatePass().name })
    func passHasPositiveAndNegativeFixtures(_ name: String) throws {
        let own = PassFixture.loaded.fixtures.filter { $0.pipeline == PassPipeline([name]) }
        let changes = try own.map { try FixtureRun($0).changedGraph }
        #expect(changes.filter { $0 }.count >= 3, "\(name): fixtures that change the graph")
        #expect(changes.filter { !$0 }.count >= 2, "\(name): fixtures that leave the graph alone")
    }
}
