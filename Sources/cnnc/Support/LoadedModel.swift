import CNNIR
import CNNONNX
import CNNRuntime
import Foundation

/// A model read from an IR file, imported in memory from an ONNX file (a path ending in
/// `.onnx`), or read from a compiled plan (`.plan`), with its named dimensions bound as the
/// command line asks.
struct LoadedModel: Sendable {
    /// The model file's path, as the user gave it.
    var path: String
    /// The graph, with `--set` bindings applied.
    var graph: Graph
    /// The parameters' values of an imported ONNX model (its initializers) or of a plan; nil for
    /// an IR file, whose weights are in the file it names.
    var importedWeights: WeightStore?

    /// The weights file the IR names (its `weights "…"` line), resolved against the IR file's
    /// folder; `nil` if the IR names none.
    var namedWeightsPath: String? {
        guard let file = graph.weightsFile else { return nil }
        let folder = (path as NSString).deletingLastPathComponent
        if file.hasPrefix("/") || folder.isEmpty { return file }
        return (folder as NSString).appendingPathComponent(file)
    }

    /// Whether `path` names an ONNX model.
    static func isONNX(_ path: String) -> Bool { path.lowercased().hasSuffix(".onnx") }

    /// Whether `path` names a compiled plan.
    static func isPlan(_ path: String) -> Bool { path.lowercased().hasSuffix(".plan") }

    /// Whether this model was read from a compiled plan (already optimized).
    var isPlan: Bool { LoadedModel.isPlan(path) }

    /// Reads and parses the IR file at `path` (or imports the ONNX file, freezing `inputShapes`)
    /// and applies `bindings`; throws a `Diagnostic` (or the importer's `DiagnosticList`) when the
    /// file is missing or unreadable, does not parse or import, or a binding does not fit, and a
    /// usage error for input shapes given with an IR file.
    init(path: String, bindings: DimensionBindings, inputShapes: InputShapes = InputShapes()) throws {
        self.path = path
        if LoadedModel.isPlan(path) {
            guard inputShapes.shapes.isEmpty else {
                throw UsageError("--input-shape applies to .onnx models; a plan's input shapes were fixed when it was compiled")
            }
            let plan = try PlanFile.read(path)
            importedWeights = plan.weights
            graph = try bindings.apply(to: plan.graph, from: path)
        } else if LoadedModel.isONNX(path) {
            let imported = try ONNXImporter.import(contentsOf: path, inputShapes: inputShapes.shapes)
            importedWeights = imported.weights
            graph = try bindings.apply(to: imported.graph, from: path)
        } else {
            guard inputShapes.shapes.isEmpty else {
                throw UsageError("--input-shape applies to .onnx models; bind the named dimensions of an IR model with --set NAME=SIZE")
            }
            graph = try bindings.apply(to: try Graph.parse(file: path), from: path)
        }
    }
}
