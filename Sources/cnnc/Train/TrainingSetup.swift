import CNNIR
import CNNPasses
import CNNRuntime

/// What `cnnc train` prepares before its first step: the training step and evaluation graph
/// (`TrainingStepBuilder`), each optimized and prepared, and a trainer holding the initial or
/// resumed state.
struct TrainingSetup {
    /// The trainer.
    var trainer: Trainer
    /// Where the initial parameters came from, for the report.
    var weightsOrigin: String
    /// The seed of the data order.
    var seed: UInt64

    /// Builds the training step of `model` with `options`, runs `pipeline` over the step and
    /// the evaluation graph, prepares both with `execution`, and creates the trainer: from the
    /// checkpoint at `resumePath` if given (whose data-order seed must agree with `seed`, the
    /// `--seed` given, if any), else from the model's weights (`weightsPath`, the file the model
    /// names, or seeded initial values) and the optimizer's zero state.
    init(model: LoadedModel, options: TrainingOptions, pipeline: PassPipeline, manager: PassManager,
         execution: ExecutionOptions, weightsPath: String?, resumePath: String?, seed: UInt64?) throws {
        let built = try TrainingStepBuilder.build(model: model.graph, options: options)
        func prepare(_ graph: Graph) throws -> Model {
            var unit = CompilationUnit(graph: graph)
            try manager.run(pipeline, on: &unit)
            return try Model(graph: unit.graph, parameters: [:], options: execution)
        }
        let step = try prepare(built.step)
        let evaluation = try prepare(built.evaluation)
        if let resumePath {
            trainer = try Trainer(resumingFrom: resumePath, trainingStep: step, evaluation: evaluation, batchInputs: built.inputNames)
            weightsOrigin = "\(resumePath) (resumed after epoch \(trainer.epoch), step \(trainer.stepCount))"
            let saved = trainer.metadata[TrainingLoop.seedKey].flatMap(UInt64.init)
            if let seed, let saved, seed != saved {
                throw Diagnostic("\(resumePath) was trained with --seed \(saved); resume with the same seed (or leave --seed out) "
                                 + "so that the data come in the same order")
            }
            self.seed = saved ?? seed ?? 0
        } else {
            let chosenSeed = seed ?? 0
            let parameters = try ModelParameters(for: model.graph, model: model, explicitPath: weightsPath,
                                                 whenMissing: .initialize(seed: chosenSeed))
            var state = parameters.tensors
            for (name, value) in built.initialState { state[name] = try Tensor(value) }
            trainer = try Trainer(trainingStep: step, evaluation: evaluation, initialState: state, batchInputs: built.inputNames)
            weightsOrigin = parameters.origin
            self.seed = chosenSeed
        }
    }
}
