import CNNIR
import Foundation

/// A per-layer timeline in the Chrome trace event format (`{"traceEvents": [...]}`), which
/// Perfetto and chrome://tracing open: one complete event (`"ph": "X"`) per executed layer of
/// one profiled run, back to back as the executor ran them, named after the node and carrying
/// the op, the kernel, the output type and the source nodes a fused layer absorbed.
enum ChromeTrace {
    /// The trace of `layers` (one profiled run, in order) of `graph`, as JSON text.
    static func json(_ layers: [BenchMeasurements.LayerSample], graph: Graph) throws -> String {
        let sources = Dictionary(graph.nodes.map { node -> (String, String) in
            let absorbed = node.attributes["sources"].flatMap { value -> String? in
                if case .string(let text) = value, !text.isEmpty { return text }
                return nil
            }
            return (node.name, absorbed ?? node.name)
        }, uniquingKeysWith: { first, _ in first })
        var events: [[String: Any]] = [["name": "process_name", "ph": "M", "pid": 1, "tid": 1,
                                         "args": ["name": "cnnc @\(graph.name)"]]]
        var start = 0.0
        for layer in layers {
            let microseconds = layer.seconds * 1e6
            events.append([
                "name": layer.node, "cat": layer.op, "ph": "X", "pid": 1, "tid": 1,
                "ts": start, "dur": microseconds,
                "args": ["op": layer.op, "kernel": layer.kernel, "output": layer.output,
                         "sources": sources[layer.node] ?? layer.node],
            ])
            start += microseconds
        }
        let data = try JSONSerialization.data(withJSONObject: ["traceEvents": events, "displayTimeUnit": "ms"],
                                              options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }
}
