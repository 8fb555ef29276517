import CNNIR

/// A compiled plan file (`cnnc compile MODEL -o model.plan`): a safetensors file whose tensors
/// are the optimized model's parameters (BatchNorm already folded in) and whose metadata holds
/// the optimized, kernel-annotated IR (`cnnc.ir`) and the format's name (`cnnc.format`).
///
/// The runtime reads a plan without the passes: the IR already says which kernel runs each conv.
public enum PlanFile {
    /// The metadata key of the format's name.
    public static let formatKey = "cnnc.format"
    /// The metadata key of the IR text.
    public static let irKey = "cnnc.ir"
    /// The format this runtime reads and writes.
    public static let format = "cnnc-plan 1"

    /// Writes `graph` (its weights line dropped: the weights are in the same file) and the
    /// parameters in `weights` to `path`. Throws a `Diagnostic` when a parameter is missing
    /// from `weights` or the file cannot be written.
    public static func write(graph: Graph, weights: WeightStore, to path: String) throws {
        var graph = graph
        graph.weightsFile = nil
        var store = WeightStore(metadata: [formatKey: format, irKey: IRPrinter.print(graph)])
        for parameter in graph.parameters {
            guard let tensor = weights[parameter.name] else {
                throw Diagnostic("the weights hold no value for parameter %\(parameter.name)")
            }
            store.tensors[parameter.name] = tensor
        }
        try store.write(to: path)
    }

    /// Reads the plan at `path`: its graph and parameters. Throws a `Diagnostic` when the file
    /// is not a plan of this format, or its IR does not parse.
    public static func read(_ path: String) throws -> (graph: Graph, weights: WeightStore) {
        let store = try WeightStore(contentsOf: path)
        guard let found = store.metadata[formatKey] else {
            throw Diagnostic("\(path) is not a cnnc plan (no '\(formatKey)' entry in its metadata); write one with cnnc compile MODEL -o FILE.plan")
        }
        guard found == format else {
            throw Diagnostic("\(path) is a plan of format '\(found)'; this cnnc reads '\(format)': compile the model again")
        }
        guard let text = store.metadata[irKey] else { throw Diagnostic("\(path) holds no IR ('\(irKey)')") }
        return (try IRParser.parse(text, file: path + "#ir"), store)
    }
}

extension Model {
    /// Loads a compiled plan (`PlanFile`) and prepares it: kernels as the plan's IR chose them.
    public convenience init(contentsOfPlan path: String, options: ExecutionOptions = ExecutionOptions()) throws {
        let (graph, store) = try PlanFile.read(path)
        var parameters: [String: Tensor] = [:]
        for (name, weight) in try store.bind(to: graph) { parameters[name] = try Tensor(weight) }
        try self.init(graph: graph, parameters: parameters, options: options)
    }
}
