import CNNIR
import Foundation

/// What `cnnc check` found about a model's weights file.
enum WeightsReport: Sendable {
    /// The model has no parameters and names no weights file.
    case notNeeded
    /// The model has parameters but names no weights file, and none was given.
    case notNamed
    /// The file the model names does not exist (yet).
    case missing(path: String)
    /// The file was read and every parameter bound to a tensor of the right dtype and shape.
    case bound(path: String, tensorCount: Int, byteCount: Int)
    /// The file could not be read or does not fit the model.
    case failed(path: String, problems: [Diagnostic])

    /// Checks the weights of `model`: the file at `explicitPath` if given, else the initializers
    /// of an imported ONNX model or the file the model names.
    init(_ model: LoadedModel, explicitPath: String?) {
        if explicitPath == nil, let imported = model.importedWeights {
            self = WeightsReport(checking: imported, of: model, source: "\(model.path) (the ONNX initializers)")
            return
        }
        guard let path = explicitPath ?? model.namedWeightsPath else {
            self = model.graph.parameters.isEmpty ? .notNeeded : .notNamed
            return
        }
        if explicitPath == nil, !FileManager.default.fileExists(atPath: path) {
            self = .missing(path: path)
            return
        }
        do {
            self = WeightsReport(checking: try WeightStore(contentsOf: path), of: model, source: path)
        } catch let diagnostic as Diagnostic {
            self = .failed(path: path, problems: [diagnostic])
        } catch {
            self = .failed(path: path, problems: [Diagnostic("cannot read weights file \(path): \(error)")])
        }
    }

    /// The outcome of binding `store` (read from `source`) to the model's parameters.
    private init(checking store: WeightStore, of model: LoadedModel, source path: String) {
        do {
            let tensors = try store.bind(to: model.graph)
            self = .bound(path: path, tensorCount: tensors.count,
                          byteCount: tensors.values.reduce(0) { $0 + $1.bytes.count })
        } catch let list as DiagnosticList {
            self = .failed(path: path, problems: list.diagnostics)
        } catch let diagnostic as Diagnostic {
            self = .failed(path: path, problems: [diagnostic])
        } catch {
            self = .failed(path: path, problems: [Diagnostic("cannot read weights file \(path): \(error)")])
        }
    }

    /// The problems to report as errors; empty unless the check failed.
    var problems: [Diagnostic] {
        if case .failed(_, let problems) = self { return problems }
        return []
    }

    /// One line for the summary; `modelPath` is used in the hint to create a missing file.
    func status(modelPath: String) -> String {
        switch self {
        case .notNeeded:
            return "none needed (the model has no parameters)"
        case .notNamed:
            return "none named by the model (give a file with --weights FILE)"
        case .missing(let path):
            return "\(path) not found; create it with 'cnnc init-weights \(modelPath)'"
        case .bound(let path, let tensorCount, let byteCount):
            return "\(path): \(Quantity.counted(tensorCount, "tensor")) (\(Quantity.bytes(byteCount))), every parameter bound"
        case .failed(let path, let problems):
            return "\(path) rejected: \(Quantity.counted(problems.count, "problem")), listed on stderr"
        }
    }
}
