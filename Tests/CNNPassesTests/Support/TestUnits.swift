import CNNIR
import CNNPasses

/// Small helpers for building compilation units in the pass tests.
enum TestUnits {
    /// The graph written in `text` (parsed and verified).
    static func graph(_ text: String) throws -> Graph {
        let graph = try IRParser.parse(text, file: "test.ir")
        try Verifier.verify(graph)
        return graph
    }

    /// A unit of the graph written in `text`, with seeded random weights for its parameters.
    static func unit(_ text: String, seed: UInt64 = 1) throws -> CompilationUnit {
        let graph = try graph(text)
        return CompilationUnit(graph: graph, weights: try NumericalCheck.randomWeights(for: graph, seed: seed))
    }

    /// `unit` after `pipeline`, verified after every pass.
    static func run(_ pipeline: PassPipeline, on unit: CompilationUnit) throws -> CompilationUnit {
        var result = unit
        try PassManager(options: PassManagerOptions(verifyEach: true)).run(pipeline, on: &result)
        return result
    }

    /// The messages of the diagnostics `error` carries.
    static func messages(of error: any Error) -> [String] {
        switch error {
        case let diagnostic as Diagnostic: return [diagnostic.message]
        case let list as DiagnosticList: return list.diagnostics.map(\.message)
        default: return [String(describing: error)]
        }
    }
}
