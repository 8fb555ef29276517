import CNNIR
import CNNPasses
import CNNRuntime

/// What `cnnc bench --train` times: the training step of a model (`TrainingStepBuilder`),
/// optimized by the pipeline the flags ask for (-O2 by default) and prepared once, a trainer
/// holding the model's parameters and the optimizer's initial state, and one seeded random batch.
struct TrainingBench {
    /// The model as read from its file.
    var source: LoadedModel
    /// The loss, optimizer and batch size of the step.
    var options: TrainingOptions
    /// Where the parameter values came from.
    var parametersOrigin: String
    /// The trainer running the prepared step.
    var trainer: Trainer
    /// The batch every step runs on: random images and class labels, by input name.
    var batch: [String: Tensor]

    /// Prepares the training step of the model `arguments` name (`--set`, `--input-shape`,
    /// `--weights`, `--threads`, `--reference`, `-O`/`--passes` and the training options) for
    /// `totalSteps` steps. The images are uniform in [-1, 1] and the labels uniform class
    /// indices, drawn from `seed`, which also seeds the weights when the model's file is missing.
    init(_ arguments: ParsedArguments, totalSteps: Int, seed: UInt64) throws {
        let bindings = try DimensionBindings(parsing: arguments.values(of: .set))
        let inputShapes = try InputShapes(parsing: arguments.values(of: .inputShape))
        let execution = try ExecutionArguments.options(from: arguments)
        source = try LoadedModel(path: try arguments.required(.model), bindings: bindings, inputShapes: inputShapes)
        guard !source.isPlan else {
            throw Diagnostic("\(source.path) is a compiled plan; --train builds the training step from the model itself (.ir or .onnx)")
        }
        try Verifier.verify(source.graph)
        options = try TrainingArguments.options(from: arguments, totalSteps: totalSteps)
        let built = try TrainingStepBuilder.build(model: source.graph, options: options)
        var unit = CompilationUnit(graph: built.step)
        let manager = PipelineArguments.manager(arguments)
        try manager.run(try PipelineArguments.pipeline(arguments, manager: manager), on: &unit)
        let step = try Model(graph: unit.graph, parameters: [:], options: execution)
        let parameters = try ModelParameters(for: source.graph, model: source, explicitPath: arguments.value(of: ExecutionArguments.weights),
                                             whenMissing: .initialize(seed: seed))
        parametersOrigin = parameters.origin
        var state = parameters.tensors
        for (name, value) in built.initialState { state[name] = try Tensor(value) }
        trainer = try Trainer(trainingStep: step, initialState: state, batchInputs: built.inputNames)
        var generator = SeededGenerator(seed: seed)
        var batch: [String: Tensor] = [:]
        for declaration in built.step.inputs where built.inputNames.contains(declaration.name) {
            batch[declaration.name] = try RandomInputs.tensor(for: declaration, in: built.step, using: &generator)
        }
        self.batch = batch
    }

    /// The prepared training step.
    var step: Model { trainer.trainingStep }

    /// Runs `warmup` untimed steps, `iterations` timed steps (each feeding the next parameters
    /// and optimizer state back, as `cnnc train` does), then `iterations` profiled runs of the
    /// step on the state reached. Returns the times and the loss of every step taken.
    func measure(warmup: Int, iterations: Int) throws -> (measurements: BenchMeasurements, losses: [Float]) {
        var losses: [Float] = []
        let measurements = try BenchRunner.measure(warmup: warmup, iterations: iterations, run: {
            losses.append(try trainer.step(batch: batch))
        }, profile: {
            try step.runProfiled(trainer.state.merging(batch) { _, batchValue in batchValue }).layers
        })
        return (measurements, losses)
    }
}
