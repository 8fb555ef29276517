import CNNIR
import CNNRuntime
import Foundation

/// What executor and model tests share: the example models with seeded weights, and small
/// graphs written as IR text.
enum ExecutorTestSupport {
    /// The example models in `Examples/`.
    static let exampleNames = ["lenet5", "resnet_block", "vgg_small", "mobilenet_v2", "resnet18", "resnet50"]

    /// The path of `Examples/NAME.ir` at the top of the repository.
    static func examplePath(_ name: String) -> String {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Examples").appendingPathComponent(name + ".ir").path
    }

    /// The example model `name` with parameters from `WeightInitializer` (seed 1), in memory.
    ///
    /// The initializer gives batch norm the identity (mean 0, variance 1, scale 1, bias 0), which
    /// would hide a kernel that ignores one of them; each batch norm's parameters are therefore
    /// redrawn: scale in [0.5, 1.5], bias and mean in [-0.2, 0.2], variance in [0.5, 1.5].
    static func example(_ name: String) throws -> (graph: Graph, parameters: [String: Tensor]) {
        let graph = try Graph.parse(file: examplePath(name))
        var parameters = try WeightInitializer.initialize(graph, seed: 1).tensors.mapValues { try Tensor($0) }
        var generator = SeededGenerator(seed: 99)
        let ranges: [ClosedRange<Double>] = [0.5...1.5, -0.2...0.2, -0.2...0.2, 0.5...1.5]
        for node in graph.nodes where node.op == .batchNorm {
            for (operand, range) in zip(node.operands.dropFirst(), ranges) {
                guard let shape = parameters[operand]?.shape else { continue }
                parameters[operand] = try Tensor.random(shape: shape, distribution: .uniform(range), using: &generator)
            }
        }
        return (graph, parameters)
    }

    /// Random inputs for every input of `graph` (uniform in [-1, 1]), from `seed`.
    static func randomInputs(for graph: Graph, seed: UInt64) throws -> [String: Tensor] {
        var generator = SeededGenerator(seed: seed)
        var inputs: [String: Tensor] = [:]
        for input in graph.inputs {
            inputs[input.name] = try Tensor.random(shape: input.type.shape.fixedSizes ?? [], dtype: input.type.dtype,
                                                   using: &generator)
        }
        return inputs
    }

    /// Parses IR text.
    static func graph(_ text: String) throws -> Graph {
        try IRParser.parse(text, file: "test.ir")
    }

    /// The message of the `Diagnostic` `body` throws, or `nil` if it throws none.
    static func diagnosticMessage(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch let diagnostic as Diagnostic {
            return diagnostic.message
        } catch {
            return "\(error)"
        }
    }

    /// Seconds `body` took.
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = Date()
        try body()
        return Date().timeIntervalSince(start)
    }
}
