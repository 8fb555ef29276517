import CNNIR
import Foundation

/// A model read from an IR file, with its named dimensions bound as the command line asks.
struct LoadedModel: Sendable {
    /// The IR file's path, as the user gave it.
    var path: String
    /// The graph, with `--set` bindings applied.
    var graph: Graph

    /// The weights file the IR names (its `weights "…"` line), resolved against the IR file's
    /// folder; `nil` if the IR names none.
    var namedWeightsPath: String? {
        guard let file = graph.weightsFile else { return nil }
        let folder = (path as NSString).deletingLastPathComponent
        if file.hasPrefix("/") || folder.isEmpty { return file }
        return (folder as NSString).appendingPathComponent(file)
    }

    /// Reads and parses the IR file at `path` and applies `bindings`; throws a `Diagnostic` when
    /// the file is missing or unreadable, does not parse, or a binding does not fit.
    init(path: String, bindings: DimensionBindings) throws {
        self.path = path
        graph = try bindings.apply(to: try Graph.parse(file: path), from: path)
    }
}
