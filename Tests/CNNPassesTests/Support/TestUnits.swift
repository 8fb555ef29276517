import CNNIR
import CNNPasses
import Foundation

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

/// Text collected from the pass manager's output callback (which may be called from any thread).
final class CollectedOutput: @unchecked Sendable {
    private let lock = NSLock()
    private var pieces: [String] = []

    /// Everything written so far, in order.
    var texts: [String] { lock.withLock { pieces } }

    /// Appends one piece of output.
    func append(_ text: String) { lock.withLock { pieces.append(text) } }
}
