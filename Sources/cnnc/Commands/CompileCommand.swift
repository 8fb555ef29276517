import CNNIR
import CNNPasses
import CNNRuntime
import Foundation

/// `cnnc compile MODEL [-O LEVEL | --passes LIST] [-o OUT.plan] [--stats] [--dump dot -o FILE.dot]
/// …`: optimizes a model (BatchNorm folded, activations and residual adds fused, kernels chosen)
/// and writes the compiled plan the runtime loads without the passes.
struct CompileCommand: Subcommand {
    /// `-o, --output FILE`: where the plan (or the dump) goes.
    static let output = OptionSpec.option(
        "output", short: "o", value: "FILE", "write the plan (or, with --dump, the dump) to FILE")
    /// `--stats`: the per-layer report.
    static let stats = OptionSpec.flag(
        "stats", "print every layer (op, kernel and why, output, MACs), the totals and the memory plan")
    /// `--emit swift`: Swift source instead of a plan.
    static let emit = OptionSpec.option(
        "emit", value: "FORMAT", "what -o writes: plan (the default) or swift (a Swift class calling the kernels, and its weights, into the folder -o names)")
    /// `--tune`: time the candidate kernels of every conv instead of estimating.
    static let tune = OptionSpec.flag(
        "tune", "choose each conv's kernel by timing the candidates on this machine (cached; see --tune-cache)")
    /// `--tune-cache FILE`: where measured kernel times are kept.
    static let tuneCache = OptionSpec.option(
        "tune-cache", value: "FILE", "the tuning cache (default: $XDG_CACHE_HOME/cnnc/tuning.json, else ~/.cache/cnnc/tuning.json)")
    /// `--dump dot`: the graph before and after optimization, for Graphviz.
    static let dump = OptionSpec.option(
        "dump", value: "FORMAT", "write the graph before and after optimization instead of a plan; FORMAT: dot")
    /// `--train`: compile one training step instead of inference.
    static let train = OptionSpec.flag(
        "train", "compile one training step (forward, loss, gradients, optimizer update) with --loss, --optimizer, --batch, …")

    let name = "compile"
    let summary = "optimize a model and write its compiled plan (kernels chosen, BatchNorm folded, layers fused)"
    let signature = CommandSignature(positionals: [.model], options: [
        CompileCommand.output, CompileCommand.emit, CompileCommand.stats, CompileCommand.dump, CompileCommand.tune,
        CompileCommand.tuneCache, CompileCommand.train,
        ExecutionArguments.threads,
        ExecutionArguments.weights, .set, .inputShape,
    ] + PipelineArguments.all + TrainingArguments.all)
    let discussion = [
        """
        The model (.ir or .onnx) is verified, then the -O2 pipeline (or -O LEVEL, or --passes
        LIST) runs: canonicalization, constant folding, BatchNorm folding into the convs' weights,
        pad folding, residual-add and activation fusion into fused_conv, CSE, dead-code
        elimination, and select-kernels, which writes each conv's kernel and the reason into its
        algorithm attributes. The plan (-o FILE.plan) holds the optimized IR and its weights in
        one safetensors file; 'cnnc run', 'cnnc bench' and Model(contentsOfPlan:) run it as it is.
        """,
        """
        --stats prepares the plan as the runtime would and prints each layer, the totals, and the
        arena a run needs next to the naive sum of all intermediate tensors, with the planner's
        efficiency (the most bytes alive at once over the arena). --dump dot -o FILE writes the
        graph before and after optimization as one Graphviz file (render: dot -Tsvg FILE).
        """,
        """
        --emit swift -o DIR writes DIR/NAME.swift, a class (MobilenetV2Model for @mobilenet_v2)
        whose init(weights:) or init(weightsFile:) prepares the plan's kernels and whose
        run(_:) calls them in the planned order at the planned arena offsets, and DIR/NAME.safetensors,
        its weights; build it with a package that depends on cnnc's CNNRuntime library.
        """,
        """
        --tune replaces the cost model's estimates by measurements: each candidate kernel of
        every conv shape is run on a one-conv model of that shape (--threads T threads, median
        of 9 runs) and the fastest wins; the times are kept in a cache file keyed by the
        processor, the instruction set, the thread count and the layer's shape, so a second
        compile of the same shapes measures nothing.
        """,
        """
        --train compiles a training step instead: the model in training mode (batch statistics,
        dropout masks), the loss on its first output (--loss), the gradients of every parameter
        (differentiate), and the optimizer's update (--optimizer, --lr, --schedule, …), at the
        batch size --batch, through the same pipeline; --stats then reports the training
        arena. The step takes the parameters and optimizer state as inputs and returns their next
        values (see docs/TRAINING.md); cnnc train runs it.
        """,
        """
        The weights come from the file the model names (or --weights FILE, or the ONNX
        initializers); without one, seeded initial values stand in (as cnnc init-weights --seed 0
        would write them) and the plan says so only through this note: compile the real weights
        for a plan you mean to use.
        """,
        """
        examples:
          cnnc compile Examples/resnet50.ir --stats
          cnnc compile Examples/resnet18.ir -o resnet18.plan && cnnc bench resnet18.plan
          cnnc compile model.onnx --dump dot -o graph.dot
          cnnc compile Examples/resnet18.ir --train --batch 8 --optimizer momentum --stats
        """,
    ]

    func run(_ arguments: ParsedArguments) throws {
        var registry = PassRegistry.standard
        var tuner: TunedCostModel?
        if arguments.isSet(CompileCommand.tune) {
            let threads = try ExecutionArguments.options(from: arguments).threadCount
            let model = try TunedCostModel(cachePath: arguments.value(of: CompileCommand.tuneCache) ?? Self.defaultTuneCache(),
                                           threadCount: threads)
            registry = registry.replacing(SelectKernelsPass(costModel: model))
            tuner = model
        } else if arguments.value(of: CompileCommand.tuneCache) != nil {
            throw UsageError("--tune-cache applies with --tune")
        }
        let manager = PipelineArguments.manager(arguments, registry: registry)
        let pipeline = try PipelineArguments.pipeline(arguments, manager: manager)
        let bindings = try DimensionBindings(parsing: arguments.values(of: .set))
        let inputShapes = try InputShapes(parsing: arguments.values(of: .inputShape))
        let source = try LoadedModel(path: try arguments.required(.model), bindings: bindings, inputShapes: inputShapes)
        try Verifier.verify(source.graph)
        let parameters = try ModelParameters(for: source.graph, model: source,
                                             explicitPath: arguments.value(of: ExecutionArguments.weights),
                                             whenMissing: .initialize(seed: 0))
        if parameters.origin.hasPrefix("seeded") { Terminal.error("note: weights: \(parameters.origin)") }
        var unit = CompilationUnit(graph: source.graph, weights: try parameters.tensors.mapValues { try WeightTensor($0) })
        if arguments.isSet(CompileCommand.train) {
            let step = try TrainingStepBuilder.build(model: source.graph, options: TrainingArguments.options(from: arguments, totalSteps: 1))
            unit = CompilationUnit(graph: step.step)
        } else if let trainingOption = TrainingArguments.all.first(where: { arguments.value(of: $0) != nil }) {
            throw UsageError("\(trainingOption.spelling) applies with --train")
        }
        let original = unit.graph
        try manager.run(pipeline, on: &unit)
        if let tuner {
            try tuner.save()
            Terminal.error("tuned: \(tuner.measuredCount) kernel timings measured, the others read from \(tuner.cachePath)")
        }
        let output = arguments.value(of: CompileCommand.output)
        if let format = arguments.value(of: CompileCommand.dump) {
            guard format == "dot" else { throw UsageError("--dump takes dot, found '\(format)'") }
            guard let output else { throw UsageError("--dump dot needs -o FILE.dot") }
            try write(DotPrinter.print([("before", original), ("after \(pipeline)", unit.graph)]), to: output)
        } else if let output {
            switch arguments.value(of: CompileCommand.emit) ?? "plan" {
            case "plan":
                try PlanFile.write(graph: unit.graph, weights: unit.weightStore, to: output)
                Terminal.output("wrote \(output): \(Quantity.counted(unit.graph.nodes.count, "node")) (was \(original.nodes.count))")
            case "swift":
                try emitSwift(unit, folder: output, origin: source.path, arguments: arguments)
            case let format:
                throw UsageError("--emit takes plan or swift, found '\(format)'")
            }
        } else if !arguments.isSet(CompileCommand.stats) {
            throw UsageError("nothing to do: give -o FILE.plan to write the plan, --stats to see it, or --dump dot -o FILE")
        }
        if arguments.isSet(CompileCommand.stats) {
            let options = try ExecutionArguments.options(from: arguments)
            let model = try Model(graph: unit.graph, parameters: try unit.weights.mapValues { try Tensor($0) }, options: options)
            Terminal.output(CompileStatistics.text(model))
        }
    }

    /// Writes the Swift source of `unit`'s plan and its weights into `folder` (created if missing).
    private func emitSwift(_ unit: CompilationUnit, folder: String, origin: String, arguments: ParsedArguments) throws {
        let options = try ExecutionArguments.options(from: arguments)
        let model = try Model(graph: unit.graph, parameters: try unit.weights.mapValues { try Tensor($0) }, options: options)
        let typeName = SwiftEmitter.typeName(for: unit.graph)
        let sourcePath = (folder as NSString).appendingPathComponent(typeName + ".swift")
        let weightsPath = (folder as NSString).appendingPathComponent(unit.graph.name + ".safetensors")
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw Diagnostic("cannot create \(folder): \(error.localizedDescription)")
        }
        try write(SwiftEmitter.source(of: model.plan, typeName: typeName, origin: origin), to: sourcePath)
        try unit.weightStore.write(to: weightsPath)
        Terminal.output("wrote \(sourcePath): class \(typeName), \(Quantity.counted(model.layers.count, "step"))\nwrote \(weightsPath)")
    }

    /// `$XDG_CACHE_HOME/cnnc/tuning.json`, else `~/.cache/cnnc/tuning.json`.
    static func defaultTuneCache() -> String {
        let environment = ProcessInfo.processInfo.environment
        let base = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (NSHomeDirectory() as NSString).appendingPathComponent(".cache")
        return ((base as NSString).appendingPathComponent("cnnc") as NSString).appendingPathComponent("tuning.json")
    }

    /// Writes `text` to `path`.
    private func write(_ text: String, to path: String) throws {
        do {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw Diagnostic("cannot write \(path): \(error.localizedDescription)")
        }
    }
}
