import CNNGEMM
import CNNIR
import CNNPasses
import CNNRuntime
import Foundation
import Synchronization

/// `cnnc compile --tune`: a cost model that times each candidate kernel on this machine — a
/// one-conv model of the layer's exact shape, prepared with the algorithm forced, the median of
/// `repetitions` runs — and remembers the times in a cache file keyed by the machine (processor,
/// instruction set, threads) and the layer's shape, so that later compiles reuse them.
final class TunedCostModel: ConvolutionCostModel, Sendable {
    let name = "tuned"
    /// Timed runs per kernel (after 2 warm-up runs).
    static let repetitions = 9

    /// The cache file.
    let cachePath: String
    /// The threads the kernels are timed on.
    let threadCount: Int
    /// This machine and setting, the first part of every key.
    let machine: String
    /// The cache: seconds by key, and how many entries this run measured.
    private let state: Mutex<(seconds: [String: Double], measured: Int)>

    /// A model timing on `threadCount` threads, with the cache at `cachePath` (read now if it
    /// exists; a cache that cannot be read is a diagnostic).
    init(cachePath: String, threadCount: Int) throws {
        self.cachePath = cachePath
        self.threadCount = threadCount
        machine = "\(TunedCostModel.processorName()) \(GEMMInstructionSet.selected().rawValue) \(threadCount) threads"
        var seconds: [String: Double] = [:]
        if FileManager.default.fileExists(atPath: cachePath) {
            guard let data = FileManager.default.contents(atPath: cachePath),
                  let decoded = try? JSONDecoder().decode([String: Double].self, from: data) else {
                throw Diagnostic("\(cachePath) is not a cnnc tuning cache (a JSON object of seconds by layer); delete it to start afresh")
            }
            seconds = decoded
        }
        state = Mutex((seconds, 0))
    }

    /// How many layer timings this run measured (the others came from the cache).
    var measuredCount: Int { state.withLock { $0.measured } }

    func estimatedSeconds(_ algorithm: ConvolutionAlgorithm, on workload: ConvolutionWorkload) -> Double? {
        let key = "\(machine) | \(algorithm.rawValue) \(workload)"
        if let cached = state.withLock({ $0.seconds[key] }) { return cached }
        guard let seconds = try? time(algorithm, on: workload) else { return nil }
        state.withLock { entries in
            entries.seconds[key] = seconds
            entries.measured += 1
        }
        return seconds
    }

    /// Writes the cache (atomically: a crash never leaves half a file).
    func save() throws {
        let entries = state.withLock { $0.seconds }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let folder = (cachePath as NSString).deletingLastPathComponent
        do {
            if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            try encoder.encode(entries).write(to: URL(fileURLWithPath: cachePath), options: .atomic)
        } catch {
            throw Diagnostic("cannot write the tuning cache \(cachePath): \(error.localizedDescription)")
        }
    }

    /// The median seconds of `algorithm` on a one-conv model of `workload`'s shape.
    private func time(_ algorithm: ConvolutionAlgorithm, on workload: ConvolutionWorkload) throws -> Double {
        let shape = workload.shape
        let builder = GraphBuilder(name: "tune")
        let x = try builder.input("x", TensorType(.f32, [workload.batch, shape.inputChannels] + workload.inputSize))
        let weight = try builder.parameter("w", TensorType(.f32, [shape.outputChannels, shape.inputChannels / shape.groups] + shape.kernel))
        let bias = try builder.parameter("b", TensorType(.f32, [shape.outputChannels]))
        let y = try builder.conv(x, weight: weight, bias: bias, strides: shape.strides, pads: shape.padsBegin + shape.padsEnd,
                                 dilations: shape.dilations, groups: shape.groups, name: "conv")
        try builder.output(y)
        var graph = try builder.build()
        graph.nodes[0].attributes["algorithm"] = .string(algorithm.rawValue)
        var generator = SeededGenerator(seed: 1)
        var parameters: [String: Tensor] = [:]
        for parameter in graph.parameters {
            parameters[parameter.name] = try Tensor.random(shape: parameter.type.shape.fixedSizes ?? [], using: &generator)
        }
        let model = try Model(graph: graph, parameters: parameters, options: ExecutionOptions(threadCount: threadCount))
        let input = ["x": try Tensor.random(shape: graph.inputs[0].type.shape.fixedSizes ?? [], using: &generator)]
        let clock = ContinuousClock()
        var times: [Double] = []
        for run in 0..<(TunedCostModel.repetitions + 2) {
            let start = clock.now
            _ = try model.run(input)
            let elapsed = clock.now - start
            if run >= 2 { times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18) }
        }
        return times.sorted()[times.count / 2]
    }

    /// The processor's model name (`/proc/cpuinfo`), or the architecture.
    private static func processorName() -> String {
        if let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
           let line = text.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
           let name = line.split(separator: ":", maxSplits: 1).last {
            return name.trimmingCharacters(in: .whitespaces)
        }
        return "unknown processor"
    }
}
