import CNNIR
import CNNPasses
import CNNRuntime

/// `cnnc bench MODEL.ir [--iterations N] [--warmup W] [--json] …`: times a model on seeded
/// random inputs, as a whole and layer by layer.
struct BenchCommand: Subcommand {
    /// `--iterations N`: the number of timed runs.
    static let iterations = OptionSpec.option("iterations", value: "N", "time N runs, and profile N more (default 10)")
    /// `--warmup W`: the number of untimed runs first.
    static let warmup = OptionSpec.option("warmup", value: "W", "run W times untimed first (default 2)")
    /// `--json`: the results as JSON.
    static let json = OptionSpec.flag("json", "print the results as one JSON object instead of tables")
    /// `--trace FILE`: a Chrome trace of one profiled run.
    static let trace = OptionSpec.option(
        "trace", value: "FILE", "write the layers of one profiled run to FILE as a Chrome trace (Perfetto, chrome://tracing)")
    /// The seed of the random inputs and, when there is no weights file, of the weights.
    static let seed: UInt64 = 0

    let name = "bench"
    let summary = "time a model on random inputs: latency, every layer, and the time by op"
    let signature = CommandSignature(positionals: [.model], options: [
        BenchCommand.iterations, BenchCommand.warmup, ExecutionArguments.threads, ExecutionArguments.reference,
        BenchCommand.json, BenchCommand.trace, .set, .inputShape, ExecutionArguments.weights,
    ] + PipelineArguments.selection)
    let discussion = [
        """
        The model is verified and prepared once, then run on seeded random inputs (as
        'cnnc run --random-input 0'): W warm-up runs, N timed runs (latency: median and minimum
        of the whole runs), and N profiled runs that time every layer. The layer table gives each
        node's median time, its share of the layers' sum, and GFLOP/s = 2 x MACs / time (conv,
        conv_transpose, gemm and matmul; '-' for the others), slowest first; then the time by op.
        With --trace FILE, the layers of the last profiled run are also written as a Chrome trace.
        """,
        """
        The model is optimized first by the -O2 pipeline (or -O LEVEL, or --passes LIST; -O0
        times it as written); a compiled plan (.plan) runs as it was compiled.
        """,
        """
        The parameters come from the file the model names or --weights FILE; when that file does
        not exist (or the model names none), seeded initial values are used instead, as
        'cnnc init-weights --seed 0' would write them, and the weights line says so: the time
        does not depend on the values. Named dimensions must be bound with --set.
        """,
        """
        examples:
          cnnc bench Examples/resnet18.ir
          cnnc bench Examples/lenet5.ir --iterations 100 --threads 1
          cnnc bench model.ir --set N=8 --json > bench.json
        """,
    ]

    func run(_ arguments: ParsedArguments) throws {
        let iterations = try IntegerArgument.parse(BenchCommand.iterations, in: arguments, range: 1...1_000_000, default: 10)
        let warmup = try IntegerArgument.parse(BenchCommand.warmup, in: arguments, range: 0...1_000_000, default: 2)
        let prepared = try PreparedModel(arguments, inputFiles: InputFiles(), randomSeed: BenchCommand.seed,
                                         whenWeightsMissing: .initialize(seed: BenchCommand.seed))
        let model = prepared.model
        let measurements = try BenchRunner.measure(model, inputs: prepared.inputs, warmup: warmup, iterations: iterations)
        let costs = Dictionary(CostAnalysis.nodeCosts(of: model.graph).map { ($0.name, $0.multiplyAccumulates) },
                               uniquingKeysWith: { first, _ in first })
        let result = BenchResult(model: prepared.source.path, graph: model.graph.name, backend: model.options.backend.rawValue,
                                 threads: model.options.threadCount, weights: prepared.parametersOrigin, warmup: warmup,
                                 measurements: measurements, multiplyAccumulates: costs)
        if let tracePath = arguments.value(of: BenchCommand.trace), let profile = measurements.profiles.last {
            let text = try ChromeTrace.json(profile, graph: model.graph)
            do {
                try text.write(toFile: tracePath, atomically: true, encoding: .utf8)
            } catch {
                throw Diagnostic("cannot write \(tracePath): \(error.localizedDescription)")
            }
        }
        Terminal.output(arguments.isSet(BenchCommand.json) ? try BenchReport.json(result) : BenchReport.text(result))
    }
}
