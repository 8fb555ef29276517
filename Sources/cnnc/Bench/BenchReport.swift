import Foundation

/// `cnnc bench`'s output: a `BenchResult` as text tables, or as one JSON object.
enum BenchReport {
    /// The settings, the latency, the layers slowest first, then the time by op. A training
    /// benchmark adds the step's settings and loss, the images per second and its memory plan.
    static func text(_ result: BenchResult) -> String {
        var rows: [(label: String, value: String)] = [
            ("model", "\(result.model) (@\(result.graph))"),
            ("backend", "\(result.backend) kernels, \(Quantity.counted(result.threads, "thread"))"),
            ("weights", result.weights),
            ("runs", "\(result.warmup) warm-up, \(result.iterations) timed, \(result.iterations) profiled"),
            ("latency", "median \(milliseconds(result.latency.medianMilliseconds)) ms, min \(milliseconds(result.latency.minimumMilliseconds)) ms"
                + " (layers sum to \(milliseconds(result.layersTotalMilliseconds)) ms)"),
        ]
        if let training = result.training {
            let losses = [training.firstLoss, training.lastLoss].map { $0.map { String(format: "%.4f", $0) } ?? "not finite" }
            rows.insert(("training", "batch \(training.batchSize), \(training.optimizer), lr \(training.learningRate), \(training.loss); "
                         + "loss \(losses[0]) at the first step, \(losses[1]) at the last"), at: 3)
            rows.append(("throughput", "\(Int(training.imagesPerSecond)) images/s (\(training.batchSize) per median step)"))
            rows.append(("memory", "arena \(Quantity.bytes(training.arenaBytes)), naive sum \(Quantity.bytes(training.naiveBytes))"))
        }
        let facts = labelled(rows)
        var layers = TextTable(header: ["node", "op", "kernel", "output", "ms", "share", "GFLOP/s"],
                               alignments: [.left, .left, .left, .left, .right, .right, .right])
        layers.rows = result.layers.map { layer in
            [layer.node, layer.op, layer.kernel, layer.output, milliseconds(layer.medianMilliseconds),
             percent(layer.sharePercent), layer.gigaflopsPerSecond.map { String(format: "%.2f", $0) } ?? "-"]
        }
        var ops = TextTable(header: ["op", "count", "ms", "share"], alignments: [.left, .right, .right, .right])
        ops.rows = result.byOp.map { [$0.op, String($0.count), milliseconds($0.totalMilliseconds), percent($0.sharePercent)] }
        return [facts, layers.text, ops.text].joined(separator: "\n\n")
    }

    /// The result as pretty-printed JSON with sorted keys.
    static func json(_ result: BenchResult) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(result), as: UTF8.self)
    }

    /// One line per fact, the values aligned after the labels.
    private static func labelled(_ rows: [(label: String, value: String)]) -> String {
        let width = rows.map(\.label.count).max() ?? 0
        return rows.map { $0.label.padding(toLength: width + 2, withPad: " ", startingAt: 0) + $0.value }.joined(separator: "\n")
    }

    /// Milliseconds with three decimals.
    private static func milliseconds(_ value: Double) -> String { String(format: "%.3f", value) }

    /// A percentage with one decimal.
    private static func percent(_ value: Double) -> String { String(format: "%.1f%%", value) }
}
