import Foundation

/// What `cnnc bench` found: latency over whole runs, the median time of every layer, and the
/// time by op. The same value is printed as a table (`BenchReport`) or as JSON (its encoding).
struct BenchResult: Encodable, Sendable {
    /// The latency of whole runs.
    struct Latency: Encodable, Sendable {
        /// The median, in milliseconds.
        var medianMilliseconds: Double
        /// The fastest run, in milliseconds.
        var minimumMilliseconds: Double

        enum CodingKeys: String, CodingKey {
            case medianMilliseconds = "median_ms"
            case minimumMilliseconds = "min_ms"
        }
    }

    /// One layer: its median time over the profiled runs and its throughput.
    struct Layer: Encodable, Sendable {
        /// The node's name.
        var node: String
        /// The op.
        var op: String
        /// The kernel that ran it.
        var kernel: String
        /// The output type (`f32[1,6,28,28]`).
        var output: String
        /// The median time, in milliseconds.
        var medianMilliseconds: Double
        /// The share of the summed layer medians, in percent.
        var sharePercent: Double
        /// The node's multiply-accumulates.
        var multiplyAccumulates: Int
        /// Billions of floating-point operations per second (2 per MAC); `nil` for layers without MACs.
        var gigaflopsPerSecond: Double?

        enum CodingKeys: String, CodingKey {
            case node, op, kernel, output
            case medianMilliseconds = "median_ms"
            case sharePercent = "share_percent"
            case multiplyAccumulates = "macs"
            case gigaflopsPerSecond = "gflops"
        }

        /// Encodes every key, `gflops` as `null` when there is no figure.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(node, forKey: .node)
            try container.encode(op, forKey: .op)
            try container.encode(kernel, forKey: .kernel)
            try container.encode(output, forKey: .output)
            try container.encode(medianMilliseconds, forKey: .medianMilliseconds)
            try container.encode(sharePercent, forKey: .sharePercent)
            try container.encode(multiplyAccumulates, forKey: .multiplyAccumulates)
            try container.encode(gigaflopsPerSecond, forKey: .gigaflopsPerSecond)
        }
    }

    /// The layers of one op together.
    struct OpTotal: Encodable, Sendable {
        /// The op.
        var op: String
        /// How many layers compute it.
        var count: Int
        /// The sum of their median times, in milliseconds.
        var totalMilliseconds: Double
        /// The share of the summed layer medians, in percent.
        var sharePercent: Double

        enum CodingKeys: String, CodingKey {
            case op, count
            case totalMilliseconds = "total_ms"
            case sharePercent = "share_percent"
        }
    }

    /// The model file.
    var model: String
    /// The graph's name.
    var graph: String
    /// `fast` or `reference`.
    var backend: String
    /// The number of threads.
    var threads: Int
    /// Where the parameter values came from.
    var weights: String
    /// The number of timed (and of profiled) runs.
    var iterations: Int
    /// The number of warm-up runs.
    var warmup: Int
    /// The latency of whole runs.
    var latency: Latency
    /// The sum of the layers' median times, in milliseconds.
    var layersTotalMilliseconds: Double
    /// The layers, slowest first.
    var layers: [Layer]
    /// The ops, by total time, largest first.
    var byOp: [OpTotal]
    /// The training figures, when the timed runs were training steps (`cnnc bench --train`).
    var training: Training?

    enum CodingKeys: String, CodingKey {
        case model, graph, backend, threads, weights, iterations, warmup, latency, layers, training
        case layersTotalMilliseconds = "layers_total_ms"
        case byOp = "by_op"
    }

    /// Summarizes `measurements`; `multiplyAccumulates` gives each node's MACs by name.
    init(model: String, graph: String, backend: String, threads: Int, weights: String, warmup: Int,
         measurements: BenchMeasurements, multiplyAccumulates: [String: Int]) {
        self.model = model
        self.graph = graph
        self.backend = backend
        self.threads = threads
        self.weights = weights
        self.warmup = warmup
        iterations = measurements.runSeconds.count
        latency = Latency(medianMilliseconds: BenchResult.milliseconds(Median.of(measurements.runSeconds)),
                          minimumMilliseconds: BenchResult.milliseconds(measurements.runSeconds.min() ?? 0))
        let medians = BenchResult.layerMedians(measurements.profiles)
        let total = medians.reduce(0) { $0 + $1.seconds }
        layersTotalMilliseconds = BenchResult.milliseconds(total)
        layers = medians.map { sample in
            let macs = multiplyAccumulates[sample.node] ?? 0
            return Layer(node: sample.node, op: sample.op, kernel: sample.kernel, output: sample.output,
                         medianMilliseconds: BenchResult.milliseconds(sample.seconds),
                         sharePercent: BenchResult.percent(sample.seconds, of: total),
                         multiplyAccumulates: macs,
                         gigaflopsPerSecond: macs > 0 && sample.seconds > 0
                            ? BenchResult.rounded(2 * Double(macs) / sample.seconds / 1e9, places: 3) : nil)
        }
        byOp = Dictionary(grouping: medians, by: \.op).map { op, samples in
            let seconds = samples.reduce(0) { $0 + $1.seconds }
            return OpTotal(op: op, count: samples.count, totalMilliseconds: BenchResult.milliseconds(seconds),
                           sharePercent: BenchResult.percent(seconds, of: total))
        }.sorted { ($0.totalMilliseconds, $1.op) > ($1.totalMilliseconds, $0.op) }
    }

    /// Each layer with its median time over the profiled runs, slowest first (ties in execution order).
    private static func layerMedians(_ profiles: [[BenchMeasurements.LayerSample]]) -> [BenchMeasurements.LayerSample] {
        var order: [String] = []
        var first: [String: BenchMeasurements.LayerSample] = [:]
        var times: [String: [Double]] = [:]
        for profile in profiles {
            for sample in profile {
                if first[sample.node] == nil {
                    order.append(sample.node)
                    first[sample.node] = sample
                }
                times[sample.node, default: []].append(sample.seconds)
            }
        }
        let medians = order.enumerated().compactMap { index, node -> (index: Int, sample: BenchMeasurements.LayerSample)? in
            guard var sample = first[node] else { return nil }
            sample.seconds = Median.of(times[node] ?? [])
            return (index, sample)
        }
        return medians.sorted { ($0.sample.seconds, $1.index) > ($1.sample.seconds, $0.index) }.map(\.sample)
    }

    /// Seconds as milliseconds, rounded to a tenth of a microsecond.
    private static func milliseconds(_ seconds: Double) -> Double {
        rounded(seconds * 1e3, places: 4)
    }

    /// `part` as a percentage of `whole`, to two decimals; 0 when `whole` is 0.
    private static func percent(_ part: Double, of whole: Double) -> Double {
        whole > 0 ? rounded(part / whole * 100, places: 2) : 0
    }

    /// `value` rounded to `places` decimals, so that the JSON shows no spurious digits.
    private static func rounded(_ value: Double, places: Int) -> Double {
        let scale = pow(10, Double(places))
        return (value * scale).rounded() / scale
    }
}
