import CNNIR

/// Thrown by a lowering for something cnnc does not import: an attribute value, an input form
/// or an element type. The importer collects these and reports them all at once.
struct UnsupportedFeature: Error {
    /// What is unsupported, after the op type: `with mode 'cubic'`, `on UINT8 tensors`.
    var detail: String
}

/// Every unsupported op type and feature found in a model, grouped: one entry per op type (and
/// detail) and opset, listing the nodes (or graph outputs) where it occurs, in the order found.
struct UnsupportedFeatures {
    /// Where an unsupported feature occurs.
    enum Place: String {
        case node
        case graphOutput = "graph output"
    }

    /// One group: what is unsupported, in which opset, and where.
    private struct Entry {
        var subject: String
        var opset: Int
        var place: Place
        var names: [String]
    }

    private var entries: [Entry] = []

    /// Whether nothing was recorded.
    var isEmpty: Bool { entries.isEmpty }

    /// Records that `subject` (`LSTM`, `Resize with mode 'cubic'`) of operator set version `opset`
    /// is unsupported at the node (or graph output) `name`.
    mutating func record(_ subject: String, opset: Int, at place: Place = .node, _ name: String) {
        if let index = entries.firstIndex(where: { $0.subject == subject && $0.opset == opset && $0.place == place }) {
            if !entries[index].names.contains(name) { entries[index].names.append(name) }
        } else {
            entries.append(Entry(subject: subject, opset: opset, place: place, names: [name]))
        }
    }

    /// One diagnostic per entry: `unsupported: LSTM (opset 13) at nodes lstm_1, lstm_2 in
    /// model.onnx`, the message starting with `ONNXImporter.unsupportedPrefix`.
    func diagnostics(file: String) -> DiagnosticList {
        DiagnosticList(entries.map { entry in
            let place = entry.place.rawValue + (entry.names.count == 1 ? "" : "s")
            return Diagnostic("\(ONNXImporter.unsupportedPrefix)\(entry.subject) (opset \(entry.opset)) at \(place) \(entry.names.joined(separator: ", ")) in \(file)")
        })
    }
}
