import CNNIR

/// Trains a model with a compiled training step: it owns the parameters and the optimizer state,
/// runs one step per batch, feeds every `<name>.next` output back into the input `<name>`,
/// evaluates, and saves and resumes checkpoints.
///
/// The training step is a graph whose inputs are the batch (`%x`, `%labels`) and the state
/// (parameters, batch-norm statistics, optimizer moments, step counter — graph inputs, not
/// parameters), whose first output is the scalar loss, and whose other outputs are the next
/// values of the state (see `TrainingStepSignature`). The evaluation model, if any, is the
/// inference graph with the parameters as inputs: it takes the data and state inputs of the
/// same names (and the labels, if it declares them) and returns the logits, [batch, classes],
/// and optionally the loss, a scalar (see `evaluate(images:labels:)`).
///
/// With the graphs `TrainingStepBuilder` (CNNPasses) builds:
///
/// ```swift
/// let built = try TrainingStepBuilder.build(model: graph, options: TrainingOptions(optimizer: .sgd, batchSize: 32))
/// let step = try Model(graph: built.step, parameters: [:])
/// let evaluation = try Model(graph: built.evaluation, parameters: [:])
/// let trainer = try Trainer(trainingStep: step, evaluation: evaluation,
///                           initialState: weights.merging(try built.initialState.mapValues { try Tensor($0) }) { $1 },
///                           batchInputs: built.inputNames)
/// let loss = try trainer.step(inputs: images, labels: labels)
/// let test = try trainer.evaluate(images: testImages, labels: testLabels)
/// try trainer.save(to: "checkpoint.safetensors")
/// let resumed = try Trainer(resumingFrom: "checkpoint.safetensors", trainingStep: step, evaluation: evaluation,
///                           batchInputs: built.inputNames)
/// ```
///
/// A trainer is not safe to use from several threads at once; its models are.
public final class Trainer {
    /// The compiled training step.
    public let trainingStep: Model
    /// The compiled evaluation model, if any.
    public let evaluationModel: Model?
    /// The roles of the training step's inputs and outputs.
    public let signature: TrainingStepSignature
    /// The names of the model's parameters among the state: the state inputs the evaluation
    /// model takes (every state input when there is no evaluation model), in its order.
    public let parameterNames: [String]
    /// The evaluation model's inputs, when there is one.
    let evaluationSignature: EvaluationSignature?

    /// The current value of every state input, by name.
    public private(set) var state: [String: Tensor]
    /// The number of steps taken (counting those before a checkpoint that was resumed).
    public private(set) var stepCount: Int
    /// The number of epochs completed; the caller advances it, checkpoints keep it.
    public var epoch: Int
    /// Free-form metadata kept in checkpoints (for example the data order's seed).
    public var metadata: [String: String]

    /// Creates a trainer from a prepared training step, an optional prepared evaluation model,
    /// and the initial value of every state input. `batchInputs` names the step's batch inputs
    /// (by default every input without a `.next` output; name them when the step has state that
    /// stays constant). Throws a `Diagnostic` when the step does not follow the training-step
    /// contract, the evaluation model takes an input that is neither the data, the labels nor a
    /// state input of the step (or returns no [batch, classes] logits), or a state value is
    /// missing, unknown or of the wrong type.
    public init(trainingStep: Model, evaluation: Model? = nil, initialState: [String: Tensor], batchInputs: [String]? = nil) throws {
        let signature = try TrainingStepSignature(graph: trainingStep.graph, batchInputs: batchInputs)
        try ValueChecks.check(initialState, against: signature.state, role: "state input", graph: trainingStep.graph)
        let evaluationSignature = try evaluation.map { try EvaluationSignature(model: $0, step: signature) }
        self.trainingStep = trainingStep
        self.evaluationModel = evaluation
        self.signature = signature
        self.evaluationSignature = evaluationSignature
        parameterNames = evaluationSignature?.state ?? signature.state.map(\.name)
        state = initialState
        stepCount = 0
        epoch = 0
        metadata = [:]
    }

    /// Creates a trainer whose initial state is read from `initialState` (a weights store
    /// holding a tensor for every state input, and no other).
    public convenience init(trainingStep: Model, evaluation: Model? = nil, initialState: WeightStore, batchInputs: [String]? = nil) throws {
        try self.init(trainingStep: trainingStep, evaluation: evaluation,
                      initialState: try initialState.tensors.mapValues { try Tensor($0) }, batchInputs: batchInputs)
    }

    /// Creates a trainer that continues from the checkpoint at `path`: its state, step and
    /// epoch counters and metadata. Throws the reader's diagnostics for a bad file and a
    /// `Diagnostic` located at the file when it does not fit the training step.
    public convenience init(resumingFrom path: String, trainingStep: Model, evaluation: Model? = nil, batchInputs: [String]? = nil) throws {
        let checkpoint = try TrainingCheckpoint(contentsOf: path)
        let signature = try TrainingStepSignature(graph: trainingStep.graph, batchInputs: batchInputs)
        try self.init(trainingStep: trainingStep, evaluation: evaluation,
                      initialState: try Trainer.fitting(checkpoint.state, from: path, signature: signature, step: trainingStep.graph),
                      batchInputs: batchInputs)
        stepCount = checkpoint.stepCount
        epoch = checkpoint.epoch
        metadata = checkpoint.metadata
    }

    /// Runs one step on a batch of data and labels (the step's data and labels inputs) and
    /// returns the loss. Throws a `Diagnostic` when the step has no single data input and one
    /// labels input, or when a tensor is not of the declared type.
    @discardableResult
    public func step(inputs: Tensor, labels: Tensor) throws -> Float {
        guard let data = signature.data, let labelsInput = signature.labels else {
            let names = signature.batch.map { "%" + $0.name }.joined(separator: ", ")
            throw Diagnostic("training step @\(trainingStep.graph.name) takes the batch inputs \(names.isEmpty ? "none" : names), "
                             + "not one data input and one i64 labels input; give them by name with step(batch:)",
                             at: trainingStep.graph.location)
        }
        return try step(batch: [data.name: inputs, labelsInput.name: labels])
    }

    /// Runs one step on a batch given by input name (every batch input of the step, and no
    /// state input), feeds every next value back into the state, and returns the loss. Throws a
    /// `Diagnostic` for an unknown, missing or mistyped batch input, or when a node fails (a
    /// label out of range); the state is then left as it was.
    @discardableResult
    public func step(batch: [String: Tensor]) throws -> Float {
        try ValueChecks.check(batch, against: signature.batch, role: "batch input", graph: trainingStep.graph)
        let outputs = try trainingStep.run(state.merging(batch) { current, _ in current })
        var next = state
        for name in signature.updatedState {
            guard let value = outputs[TrainingStepSignature.nextName(of: name)] else {
                throw Diagnostic("training step @\(trainingStep.graph.name) returned no %\(TrainingStepSignature.nextName(of: name))")
            }
            next[name] = value
        }
        guard let loss = outputs[signature.loss]?.doubles.first else {
            throw Diagnostic("training step @\(trainingStep.graph.name) returned no loss %\(signature.loss)")
        }
        state = next
        stepCount += 1
        return Float(loss)
    }

    /// The current values of the model's parameters (`parameterNames`), by name: what a
    /// weights file for the inference model holds.
    public var parameters: [String: Tensor] {
        Dictionary(uniqueKeysWithValues: parameterNames.compactMap { name in state[name].map { (name, $0) } })
    }

    /// The trainer's state, counters and metadata as a checkpoint.
    public var checkpoint: TrainingCheckpoint {
        TrainingCheckpoint(state: state, stepCount: stepCount, epoch: epoch, metadata: metadata)
    }

    /// Writes a checkpoint to `path`, atomically: a temporary file in the same folder renamed
    /// over `path`, so an interrupted save leaves any earlier checkpoint intact.
    public func save(to path: String) throws {
        try checkpoint.write(to: path)
    }

    /// Replaces the state, counters and metadata with those of the checkpoint at `path`. Throws
    /// the reader's diagnostics for a bad file and a `Diagnostic` located at the file when it
    /// does not fit the training step; the trainer is then left as it was.
    public func load(from path: String) throws {
        let checkpoint = try TrainingCheckpoint(contentsOf: path)
        state = try Trainer.fitting(checkpoint.state, from: path, signature: signature, step: trainingStep.graph)
        stepCount = checkpoint.stepCount
        epoch = checkpoint.epoch
        metadata = checkpoint.metadata
    }

    /// `state` after checking it holds a value of the declared type for every state input of
    /// `signature` and nothing else; a mismatch is a `Diagnostic` located at the checkpoint `path`
    /// that names the missing and unexpected tensors (the first few of each) or the mistyped one.
    private static func fitting(_ state: [String: Tensor], from path: String, signature: TrainingStepSignature,
                                step: Graph) throws -> [String: Tensor] {
        /// At most three names, then how many more.
        func listed(_ names: [String]) -> String {
            let shown = names.prefix(3).map { "%" + $0 }.joined(separator: ", ")
            return names.count > 3 ? shown + " and \(names.count - 3) more" : shown
        }
        let expected = Set(signature.state.map(\.name))
        let missing = signature.state.map(\.name).filter { state[$0] == nil }
        let unknown = state.keys.filter { !expected.contains($0) }.sorted()
        var problems: [String] = []
        if !missing.isEmpty { problems.append("it has no \(listed(missing))") }
        if !unknown.isEmpty { problems.append("it holds \(listed(unknown)), which the step does not take") }
        for input in signature.state {
            if let type = state[input.name]?.type, type != input.type {
                problems.append("%\(input.name) is \(type), the step takes \(input.type)")
            }
        }
        guard problems.isEmpty else {
            throw Diagnostic("the checkpoint does not fit training step @\(step.name) (written for another model or optimizer?): "
                             + problems.joined(separator: "; "), at: SourceLocation(file: path, line: 1, column: 1))
        }
        return state
    }
}
