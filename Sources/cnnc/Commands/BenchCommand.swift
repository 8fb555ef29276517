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
    /// `--train`: time training steps instead of inference.
    static let train = OptionSpec.flag(
        "train", "time training steps (forward, loss, gradients, optimizer update) with --batch, --optimizer, --loss, …")
    /// The seed of the random inputs and, when there is no weights file, of the weights.
    static let seed: UInt64 = 0

    let name = "bench"
    let summary = "time a model on random inputs: latency, every layer, and the time by op"
    let signature = CommandSignature(positionals: [.model], options: [
        BenchCommand.iterations, BenchCommand.warmup, ExecutionArguments.threads, ExecutionArguments.reference,
        BenchCommand.json, BenchCommand.trace, .set, .inputShape, ExecutionArguments.weights, BenchCommand.train,
    ] + PipelineArguments.selection + TrainingArguments.all)
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
        --train times training steps instead: the training step of the model (as 'cnnc compile
        --train' builds it, with --batch, --optimizer, --loss, --lr, …) is optimized by the
        pipeline (-O2 by default) and prepared once, then run on one seeded random batch (images
        uniform in [-1, 1], uniform class labels): W warm-up steps and N timed steps, each
        feeding the next parameters and optimizer state back as 'cnnc train' does, and N profiled
        runs of the step (forward, backward and update layer by layer). It adds the loss of the
        first and last steps, images per second at the median step time, and the step's arena
        next to the naive sum of its intermediates.
        """,
        """
        examples:
          cnnc bench Examples/resnet18.ir
          cnnc bench Examples/lenet5.ir --iterations 100 --threads 1
          cnnc bench model.ir --set N=8 --json > bench.json
          cnnc bench Examples/resnet20_cifar.ir --train --batch 32 --optimizer momentum --iterations 20 --threads 2
        """,
    ]

    func run(_ arguments: ParsedArguments) throws {
        let iterations = try IntegerArgument.parse(BenchCommand.iterations, in: arguments, range: 1...1_000_000, default: 10)
        let warmup = try IntegerArgument.parse(BenchCommand.warmup, in: arguments, range: 0...1_000_000, default: 2)
        if arguments.isSet(BenchCommand.train) {
            return try runTraining(arguments, warmup: warmup, iterations: iterations)
        }
        if let trainingOption = TrainingArguments.all.first(where: { arguments.value(of: $0) != nil }) {
            throw UsageError("\(trainingOption.spelling) applies with --train")
        }
        let prepared = try PreparedModel(arguments, inputFiles: InputFiles(), randomSeed: BenchCommand.seed,
                                         whenWeightsMissing: .initialize(seed: BenchCommand.seed))
        let model = prepared.model
        let measurements = try BenchRunner.measure(model, inputs: prepared.inputs, warmup: warmup, iterations: iterations)
        let costs = Dictionary(CostAnalysis.nodeCosts(of: model.graph).map { ($0.name, $0.multiplyAccumulates) },
                               uniquingKeysWith: { first, _ in first })
        let result = BenchResult(model: prepared.source.path, graph: model.graph.name, backend: model.options.backend.rawValue,
                                 threads: model.options.threadCount, weights: prepared.parametersOrigin, warmup: warmup,
                                 measurements: measurements, multiplyAccumulates: costs)
        try report(result, profile: measurements.profiles.last, graph: model.graph, arguments: arguments)
    }

    /// `--train`: times the model's training step on a random batch.
    private func runTraining(_ arguments: ParsedArguments, warmup: Int, iterations: Int) throws {
        let bench = try TrainingBench(arguments, totalSteps: warmup + iterations, seed: BenchCommand.seed)
        let (measurements, losses) = try bench.measure(warmup: warmup, iterations: iterations)
        let step = bench.step
        let costs = Dictionary(CostAnalysis.nodeCosts(of: step.graph).map { ($0.name, $0.multiplyAccumulates) },
                               uniquingKeysWith: { first, _ in first })
        var result = BenchResult(model: bench.source.path, graph: step.graph.name, backend: step.options.backend.rawValue,
                                 threads: step.options.threadCount, weights: bench.parametersOrigin, warmup: warmup,
                                 measurements: measurements, multiplyAccumulates: costs)
        let memory = step.memory
        result.training = BenchResult.Training(
            batchSize: bench.options.batchSize, optimizer: arguments.value(of: TrainingArguments.optimizer) ?? "sgd",
            loss: arguments.value(of: TrainingArguments.loss) ?? "softmax_cross_entropy", learningRate: bench.options.learningRate,
            medianMilliseconds: result.latency.medianMilliseconds, losses: losses,
            arenaBytes: memory.arenaBytes, naiveBytes: memory.naiveBytes)
        try report(result, profile: measurements.profiles.last, graph: step.graph, arguments: arguments)
    }

    /// Writes the trace of `profile` (the last profiled run of `graph`) if --trace asks for it,
    /// then prints `result` as tables or JSON.
    private func report(_ result: BenchResult, profile: [BenchMeasurements.LayerSample]?, graph: Graph,
                        arguments: ParsedArguments) throws {
        if let tracePath = arguments.value(of: BenchCommand.trace), let profile {
            let text = try ChromeTrace.json(profile, graph: graph)
            do {
                try text.write(toFile: tracePath, atomically: true, encoding: .utf8)
            } catch {
                throw Diagnostic("cannot write \(tracePath): \(error.localizedDescription)")
            }
        }
        Terminal.output(arguments.isSet(BenchCommand.json) ? try BenchReport.json(result) : BenchReport.text(result))
    }
}
