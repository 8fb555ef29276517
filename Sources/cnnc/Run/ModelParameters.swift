import CNNIR
import CNNRuntime
import Foundation

/// The parameter values of a model for a run: read from its weights file, or (for timing only)
/// seeded initial values when there is no file.
struct ModelParameters: Sendable {
    /// What to do when the model's weights file does not exist or the model names none.
    enum MissingFilePolicy: Sendable {
        /// Stop with an error that says how to create the file (`cnnc run`).
        case fail
        /// Use `WeightInitializer`'s values for this seed (`cnnc bench`: timing does not depend
        /// on the values).
        case initialize(seed: UInt64)
    }

    /// The tensor for every parameter of the graph, by name.
    var tensors: [String: Tensor]
    /// Where the values came from, for reports: the file, `none needed`, or the initialisation.
    var origin: String

    /// The parameters of `graph` (the model's graph with every binding applied): from
    /// `explicitPath` if given, else from the ONNX initializers of an imported model or the file
    /// the model names. Throws a `Diagnostic` for a
    /// missing file under `.fail`, and the weights' diagnostics for a file that does not fit.
    init(for graph: Graph, model: LoadedModel, explicitPath: String?, whenMissing policy: MissingFilePolicy) throws {
        let path = explicitPath ?? model.namedWeightsPath
        if graph.parameters.isEmpty && explicitPath == nil {
            self.init(tensors: [:], origin: "none needed (the model has no parameters)")
        } else if explicitPath == nil, let imported = model.importedWeights {
            let weights = try imported.bind(to: graph)
            self.init(tensors: try weights.mapValues { try Tensor($0) }, origin: "\(model.path) (\(model.isPlan ? "the plan's weights" : "the ONNX initializers"))")
        } else if let path, FileManager.default.fileExists(atPath: path) {
            let weights = try WeightStore(contentsOf: path).bind(to: graph)
            self.init(tensors: try weights.mapValues { try Tensor($0) }, origin: path)
        } else if case .initialize(let seed) = policy {
            let weights = try WeightInitializer.initialize(graph, seed: seed).bind(to: graph)
            let absence = path.map { "\($0) not found" } ?? "the model names no weights file"
            self.init(tensors: try weights.mapValues { try Tensor($0) },
                      origin: "seeded initial values (seed \(seed)): \(absence)")
        } else {
            throw ModelParameters.missingFile(path, model: model, explicit: explicitPath != nil)
        }
    }

    /// Creates parameters from their values and origin.
    private init(tensors: [String: Tensor], origin: String) {
        self.tensors = tensors
        self.origin = origin
    }

    /// The error for a weights file that is missing or not named, with the command that creates one.
    private static func missingFile(_ path: String?, model: LoadedModel, explicit: Bool) -> Diagnostic {
        guard let path else {
            return Diagnostic("\(model.path) names no weights file; give --weights FILE (create one with 'cnnc init-weights \(model.path) -o FILE')")
        }
        let create = "cnnc init-weights \(model.path)" + (explicit ? " -o \(path)" : "")
        return Diagnostic("weights file \(path) not found; create it with '\(create)'")
    }
}
