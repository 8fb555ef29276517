import CNNIR
import CNNPasses

/// The sizes given with `--set NAME=SIZE`, checked and applied to a graph.
struct DimensionBindings: Sendable {
    /// The largest size accepted for a named dimension.
    static let largestSize = Int(Int32.max)

    /// The sizes by dimension name.
    var sizes: [String: Int] = [:]

    /// Parses `NAME=SIZE` values; throws a usage error for malformed ones or a name given twice.
    init(parsing values: [String]) throws(UsageError) {
        for value in values {
            guard let separator = value.firstIndex(of: "="), separator != value.startIndex else {
                throw UsageError("--set expects NAME=SIZE, found '\(value)'")
            }
            let name = String(value[..<separator])
            let sizeText = value[value.index(after: separator)...]
            guard let size = Int(sizeText), (1...DimensionBindings.largestSize).contains(size) else {
                throw UsageError("--set \(value): SIZE must be an integer from 1 to \(DimensionBindings.largestSize)")
            }
            if let earlier = sizes[name], earlier != size {
                throw UsageError("--set gives \(name) twice (\(earlier) and \(size))")
            }
            sizes[name] = size
        }
    }

    /// `graph` with the named dimensions bound; throws a `Diagnostic` for a name the graph does
    /// not use.
    func apply(to graph: Graph, from path: String) throws -> Graph {
        if sizes.isEmpty { return graph }
        let known = GraphSummary.namedDimensions(of: graph)
        for name in sizes.keys.sorted() where !known.contains(name) {
            let available = known.isEmpty ? "it has none" : "it has " + known.joined(separator: ", ")
            throw Diagnostic("--set \(name)=\(sizes[name] ?? 0): \(path) has no named dimension \(name); \(available)")
        }
        return graph.binding(sizes)
    }
}
