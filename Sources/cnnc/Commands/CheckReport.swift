import CNNIR
import CNNPasses

/// The summary `cnnc check` prints for a verified model.
struct CheckReport: Sendable {
    /// The model.
    var model: LoadedModel
    /// Its figures.
    var summary: GraphSummary
    /// What was found about its weights.
    var weights: WeightsReport

    /// The summary, one labelled line per fact.
    var text: String {
        let graph = model.graph
        let types = graph.valueTypes
        let outputs = graph.outputs.map { declaration($0, types[$0]) }
        let ops = summary.opCountsByFrequency.map { "\($0.op) \($0.count)" }.joined(separator: ", ")
        let rows: [(String, String)] = [
            ("graph", "@\(graph.name) (\(model.path)), verified"),
            ("inputs", graph.inputs.isEmpty ? "none" : graph.inputs.map { declaration($0.name, $0.type) }.joined(separator: ", ")),
            ("outputs", outputs.joined(separator: ", ")),
            ("nodes", "\(summary.nodeCount)" + (ops.isEmpty ? "" : ": " + ops)),
            ("parameters", parameters),
            ("MACs", Quantity.exactAndAbbreviated(summary.multiplyAccumulates) + unboundNote),
            ("weights", weights.status(modelPath: model.path)),
        ]
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { label, value in
            label + String(repeating: " ", count: width - label.count + 2) + value
        }.joined(separator: "\n")
    }

    /// The learned parameters, the batch-norm statistics if any, and the tensor count.
    private var parameters: String {
        let statistics = summary.statisticCount == 0 ? ""
            : " + " + Quantity.exactAndAbbreviated(summary.statisticCount) + " batch-norm statistics"
        return Quantity.exactAndAbbreviated(summary.parameterCount) + statistics
            + " in " + Quantity.counted(summary.parameterTensorCount, "tensor")
    }

    /// A note on named dimensions still unbound, which the figures count as 1.
    private var unboundNote: String {
        let names = summary.unboundDimensions
        guard !names.isEmpty else { return "" }
        let example = names.map { "--set \($0)=SIZE" }.joined(separator: " ")
        return " per unit of \(names.joined(separator: ", ")) (bind with \(example))"
    }

    /// `%name: type`.
    private func declaration(_ name: String, _ type: TensorType?) -> String {
        "%\(name): " + (type.map(\.description) ?? "undefined")
    }
}
