import CNNIR
import CNNPasses

/// What running one pass fixture produced.
struct FixtureRun: Sendable {
    /// The printed IR before the pipeline.
    var input: String
    /// The printed IR after the pipeline.
    var output: String
    /// The CHECK failures (empty when every directive matched).
    var checkFailures: [String]
    /// The relative L2 error of each output, reference executor after vs. before.
    var relativeErrors: [Double]

    /// Whether the pipeline changed the printed graph.
    var changedGraph: Bool { input != output }

    /// Parses the fixture's IR, gives it seeded random weights, runs its pipeline with
    /// verification after every pass, matches the CHECK lines, and compares the outputs.
    init(_ fixture: PassFixture, seed: UInt64 = 1) throws {
        let graph = try IRParser.parse(fixture.text, file: fixture.fileName)
        let original = CompilationUnit(graph: graph, weights: try NumericalCheck.randomWeights(for: graph, seed: seed))
        var unit = original
        try PassManager(options: PassManagerOptions(verifyEach: true)).run(fixture.pipeline, on: &unit)
        input = IRPrinter.print(original.graph)
        output = IRPrinter.print(unit.graph)
        checkFailures = FileCheck.failures(of: fixture.checks, in: output)
        relativeErrors = try NumericalCheck.relativeErrors(original: original, transformed: unit, seed: seed)
    }
}
