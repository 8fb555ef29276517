import CNNIR
import Foundation

extension Model {
    /// Loads the IR file at `irPath` and its weights, then prepares the model.
    ///
    /// The weights come from `weights` if given (a path as is), else from the file the IR
    /// names (`weights "model.safetensors"`), resolved relative to the IR file's folder. A
    /// graph without parameters needs no weights file. Named dimensions are bound with
    /// `dimensions` first (`["N": 8]`). Throws the parser's, the weights reader's or the
    /// binding's diagnostics, or those of `init(graph:parameters:options:)`.
    public convenience init(contentsOf irPath: String, weights: String? = nil, dimensions: [String: Int] = [:],
                            options: ExecutionOptions = ExecutionOptions()) throws {
        var graph = try Graph.parse(file: irPath)
        if !dimensions.isEmpty { graph = graph.binding(dimensions) }
        var parameters: [String: Tensor] = [:]
        if let weightsPath = weights ?? Model.weightsPath(named: graph.weightsFile, besides: irPath) {
            let store = try WeightStore(contentsOf: weightsPath)
            for (name, weight) in try store.bind(to: graph) { parameters[name] = try Tensor(weight) }
        } else if let first = graph.parameters.first {
            throw Diagnostic("graph @\(graph.name) has parameters (such as %\(first.name)) but names no weights file; "
                             + "add a `weights \"file.safetensors\"` line or pass a weights path", at: graph.location)
        }
        try self.init(graph: graph, parameters: parameters, options: options)
    }

    /// The path of the weights file `file` named by the IR file at `irPath`: as is when
    /// absolute, else relative to the IR file's folder.
    static func weightsPath(named file: String?, besides irPath: String) -> String? {
        guard let file else { return nil }
        let folder = (irPath as NSString).deletingLastPathComponent
        if file.hasPrefix("/") || folder.isEmpty { return file }
        return (folder as NSString).appendingPathComponent(file)
    }
}
