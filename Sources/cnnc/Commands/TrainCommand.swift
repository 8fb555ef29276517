import CNNIR
import CNNPasses
import CNNRuntime

/// `cnnc train MODEL --train-data X.npy --train-labels Y.npy [--test-data … --test-labels …]
/// --epochs E --batch B --optimizer NAME --lr RATE … -o trained.safetensors`: trains a classifier
/// with a compiled training step and writes its weights.
struct TrainCommand: Subcommand {
    /// `--epochs E`.
    static let epochs = OptionSpec.option("epochs", value: "E", "train for E epochs (1 to 1000000; default 10)")
    /// `--seed S`.
    static let seed = OptionSpec.option(
        "seed", value: "S", "seed of the data order of every epoch and of the initial weights when the model has none (0 to 2^64-1; default 0)")
    /// `--patience P`.
    static let patience = OptionSpec.option(
        "patience", value: "P", "stop once the test loss has not improved for P epochs (needs --test-data)")
    /// `--checkpoint FILE`.
    static let checkpoint = OptionSpec.option(
        "checkpoint", value: "FILE", "save the parameters, optimizer state and counters to FILE after every epoch (atomically)")
    /// `--resume FILE`.
    static let resume = OptionSpec.option("resume", value: "FILE", "continue the run saved in the checkpoint FILE")
    /// `-o, --output FILE`.
    static let output = OptionSpec.option(
        "output", short: "o", value: "FILE", "write the trained parameters to FILE (safetensors, for cnnc run --weights)")

    let name = "train"
    let summary = "train a classifier on .npy images and labels with a compiled training step, and write its weights"
    let signature = CommandSignature(positionals: [.model], options: TrainingData.options + [
        TrainCommand.epochs] + TrainingArguments.all + [
        TrainCommand.seed, TrainCommand.patience, TrainCommand.checkpoint, TrainCommand.resume, TrainCommand.output,
        ExecutionArguments.weights, ExecutionArguments.threads, .set,
    ] + PipelineArguments.selection)
    let discussion = [
        """
        The model's first output is taken as the class scores of its one input. The training step
        (forward pass in training mode, loss, gradients, optimizer update) and the evaluation
        graph are built as IR, optimized (-O2 unless -O or --passes says otherwise) and prepared
        once for the batch size B. Every epoch the training images are shuffled (by --seed and
        the epoch) and cut into full batches of B: the step's batch size is fixed, so the last
        N mod B images of each epoch's order are left out of it (different ones every epoch).
        """,
        """
        After every epoch a line reports the mean loss of its steps, the accuracy on the
        training data, the test loss and accuracy (with --test-data), the training images per
        second and an estimate of the time left. With --patience P, training stops once the test
        loss has not improved on its best for P epochs. The weights written with -o are the
        parameters after the last epoch run (batch-norm statistics included), under the model's
        parameter names.
        """,
        """
        The initial parameters come from --weights FILE or the file the model names; when there
        is none, from seeded initial values (as cnnc init-weights --seed S writes them).
        --checkpoint FILE saves the whole state after every epoch (written to a temporary file
        and renamed, so an interruption never leaves a half-written file); --resume FILE
        continues from it with the same data order, to the same final weights as an
        uninterrupted run.
        """,
        """
        examples:
          python3 scripts/datasets/export_digits.py .build/datasets/digits
          cnnc train Examples/digits_cnn.ir --train-data .build/datasets/digits/x_train.npy \\
            --train-labels .build/datasets/digits/y_train.npy --test-data .build/datasets/digits/x_test.npy \\
            --test-labels .build/datasets/digits/y_test.npy --epochs 30 --batch 32 --optimizer adam --lr 0.003 \\
            --schedule cosine -o digits.safetensors
          cnnc train model.ir --train-data x.npy --train-labels y.npy --epochs 5 --checkpoint run.ckpt -o w.safetensors
          cnnc train model.ir --train-data x.npy --train-labels y.npy --epochs 10 --resume run.ckpt --checkpoint run.ckpt -o w.safetensors
        """,
    ]

    func run(_ arguments: ParsedArguments) throws {
        guard let outputPath = arguments.value(of: TrainCommand.output) else {
            throw UsageError("give the file for the trained weights with -o FILE")
        }
        let epochs = try IntegerArgument.parse(TrainCommand.epochs, in: arguments, range: 1...1_000_000, default: 10)
        let seed: UInt64? = try IntegerArgument.parse(TrainCommand.seed, in: arguments, range: 0...UInt64.max)
        let patience: Int? = try IntegerArgument.parse(TrainCommand.patience, in: arguments, range: 1...1_000_000)
        if patience != nil && arguments.value(of: TrainingData.testImages) == nil {
            throw UsageError("--patience stops on the test loss: give --test-data and --test-labels too")
        }
        if arguments.value(of: TrainCommand.resume) != nil && arguments.value(of: ExecutionArguments.weights) != nil {
            throw UsageError("--resume continues from the checkpoint's parameters; leave out --weights")
        }
        let execution = try ExecutionArguments.options(from: arguments)
        let manager = PipelineArguments.manager(arguments)
        let pipeline = try PipelineArguments.pipeline(arguments, manager: manager)
        let bindings = try DimensionBindings(parsing: arguments.values(of: .set))
        let model = try LoadedModel(path: try arguments.required(.model), bindings: bindings)
        try Verifier.verify(model.graph)
        let data = try TrainingData(arguments, model: model.graph)
        let batchSize = try TrainingArguments.options(from: arguments, totalSteps: 1).batchSize
        let stepsPerEpoch = data.train.count / batchSize
        guard stepsPerEpoch > 0 else {
            throw Diagnostic("the training data hold \(data.train.count) images, fewer than one batch of \(batchSize); use a smaller --batch")
        }
        let options = try TrainingArguments.options(from: arguments, totalSteps: epochs * stepsPerEpoch)
        if options.loss == .meanSquaredError {
            throw UsageError("--loss mse needs targets shaped like the output; cnnc train takes class labels (softmax_cross_entropy or hinge)")
        }
        let setup = try TrainingSetup(model: model, options: options, pipeline: pipeline, manager: manager, execution: execution,
                                      weightsPath: arguments.value(of: ExecutionArguments.weights),
                                      resumePath: arguments.value(of: TrainCommand.resume), seed: seed)
        Terminal.output(TrainCommand.header(model: model, data: data, options: options, setup: setup, epochs: epochs))
        let loop = TrainingLoop(trainer: setup.trainer, data: data, epochs: epochs, batchSize: batchSize, seed: setup.seed,
                                checkpointPath: arguments.value(of: TrainCommand.checkpoint), report: { Terminal.output($0) })
        let test = try loop.run(stopping: EarlyStopping(patience: patience, metadata: setup.trainer.metadata))
        try TrainCommand.writeWeights(setup.trainer, to: outputPath, test: test)
    }

    /// The lines printed before the first epoch: the model, where the weights come from, the
    /// data and the training options.
    private static func header(model: LoadedModel, data: TrainingData, options: TrainingOptions, setup: TrainingSetup, epochs: Int) -> String {
        let left = data.train.count % options.batchSize
        let leftOut = left == 0 ? "" : " (\(left) images left out of each epoch's order, different ones every epoch)"
        let test = data.test.map { ", \($0.count) test images" } ?? ""
        let shape = "[" + data.train.sampleShape.map(String.init).joined(separator: ",") + "]"
        return """
            model     \(model.path) (@\(model.graph.name)), \(Quantity.exactAndAbbreviated(model.graph.parameterCount)) parameter values
            weights   \(setup.weightsOrigin)
            data      \(data.train.count) training images \(shape) in \(data.train.classCount) classes\(test)
            training  \(describe(options)), \(data.train.count / options.batchSize) steps of \(options.batchSize) per epoch\(leftOut), \(epochs) epochs, seed \(setup.seed)
            """
    }

    /// The optimizer, learning rate and schedule in a few words: `adam, lr 0.003 (cosine, 100 warm-up steps)`.
    private static func describe(_ options: TrainingOptions) -> String {
        let optimizer: String
        switch options.optimizer {
        case .sgd: optimizer = "sgd"
        case .momentum(let momentum, let nesterov): optimizer = "\(nesterov ? "nesterov" : "momentum") \(momentum)"
        case .adam(_, _, _, let decoupled): optimizer = decoupled ? "adamw" : "adam"
        case .rmsprop: optimizer = "rmsprop"
        case .adagrad: optimizer = "adagrad"
        }
        var schedule = options.schedule.kind
        if options.schedule.warmupSteps > 0 { schedule += ", \(options.schedule.warmupSteps) warm-up steps" }
        var text = "\(optimizer), lr \(options.learningRate) (\(schedule))"
        if options.weightDecay > 0 { text += ", weight decay \(options.weightDecay)" }
        if let clip = options.clipNorm { text += ", gradients clipped to norm \(clip)" }
        return text
    }

    /// Writes the trainer's parameters to `path` atomically and says so.
    private static func writeWeights(_ trainer: Trainer, to path: String, test: TrainerEvaluation?) throws {
        var store = WeightStore(metadata: ["cnnc.train.epochs": String(trainer.epoch), "cnnc.train.steps": String(trainer.stepCount)])
        for (name, tensor) in trainer.parameters { store.tensors[name] = try WeightTensor(tensor) }
        try store.write(to: path)
        let bytes = store.tensors.values.reduce(0) { $0 + $1.bytes.count }
        let accuracy = test.map { ", test accuracy \(EpochReport.percent($0.accuracy))" } ?? ""
        Terminal.output("wrote \(path): \(Quantity.counted(store.tensors.count, "tensor")) (\(Quantity.bytes(bytes))) after "
                        + "\(Quantity.counted(trainer.epoch, "epoch")) (\(Quantity.counted(trainer.stepCount, "step")))\(accuracy)")
    }
}
