import CNNIR

/// The roles of an evaluation model's inputs and outputs: the data, the labels if it takes
/// them, the training step's state inputs it reads, the logits and the loss if it returns one.
struct EvaluationSignature: Sendable {
    /// The data input.
    let data: ValueDeclaration
    /// The labels input, when the model takes one (an input named like the step's labels).
    let labels: ValueDeclaration?
    /// The state inputs of the training step it takes, in its order.
    let state: [String]
    /// The output holding the logits: the first output of shape [batch, classes].
    let logits: String
    /// The output holding the loss, when there is one: the first other output of one element.
    let loss: String?
    /// The fixed batch size: the first dimension of the data input.
    let batchSize: Int
    /// The number of classes: the second dimension of the logits.
    let classCount: Int

    /// Reads the roles of `model`'s inputs and outputs against the training step's `step`
    /// signature. Throws a `Diagnostic` when an input is neither a state input (of the same
    /// type), the labels nor the single data input, or when no output holds [batch, classes]
    /// floating logits.
    init(model: Model, step: TrainingStepSignature) throws {
        let graph = model.graph
        let stateTypes = Dictionary(step.state.map { ($0.name, $0.type) }, uniquingKeysWith: { first, _ in first })
        var data: [ValueDeclaration] = []
        var labels: ValueDeclaration?
        var state: [String] = []
        for input in graph.inputs {
            if let type = stateTypes[input.name] {
                guard type == input.type else {
                    throw Diagnostic("evaluation input %\(input.name) is \(input.type), the training step's state input is \(type)",
                                     at: input.location)
                }
                state.append(input.name)
            } else if input.name == step.labels?.name {
                labels = input
            } else {
                data.append(input)
            }
        }
        guard data.count == 1, let dataInput = data.first, dataInput.type.rank >= 1,
              let batchSize = dataInput.type.shape.fixedSizes?.first else {
            let names = data.map { "%" + $0.name }.joined(separator: ", ")
            throw Diagnostic("evaluation model @\(graph.name) must take one data input besides the state inputs of the training step "
                             + "(and optionally the labels), with a fixed batch size; found \(names.isEmpty ? "none" : names)",
                             at: graph.location)
        }
        let types = graph.valueTypes
        let logits = graph.outputs.first { name in
            guard let type = types[name], type.dtype.isFloatingPoint, let sizes = type.shape.fixedSizes else { return false }
            return sizes.count == 2 && sizes[0] == batchSize && sizes[1] >= 1
        }
        guard let logits, let classCount = types[logits]?.shape.fixedSizes?.last else {
            let found = graph.outputs.map { name in "%\(name): " + (types[name].map { "\($0)" } ?? "undefined") }
            throw Diagnostic("evaluation model @\(graph.name) must return the logits, floating [\(batchSize), classes]; it returns "
                             + (found.isEmpty ? "nothing" : found.joined(separator: ", ")), at: graph.location)
        }
        self.data = dataInput
        self.labels = labels
        self.state = state
        self.logits = logits
        loss = graph.outputs.first { name in
            name != logits && (types[name].map { $0.dtype.isFloatingPoint && $0.shape.elementCount == 1 } ?? false)
        }
        self.batchSize = batchSize
        self.classCount = classCount
    }
}

extension Trainer {
    /// Evaluates the current parameters on `images` ([N] + one sample's shape) and their `labels`
    /// (N class indices): the accuracy of the logits' first largest value, and the mean loss
    /// over the N samples when the evaluation model returns one (a scalar: its loss over a
    /// batch, such as the mean cross-entropy).
    ///
    /// The evaluation model runs on batches of its batch size B. A last batch of r < B samples
    /// is filled up with copies of its first sample, whose logits are not counted; when the
    /// model returns a loss, one more run on B copies of that sample gives that sample's loss ℓ,
    /// and the batch's share of the total is B·(its loss) − (B − r)·ℓ — exact for a loss that
    /// averages per-sample terms over the batch, as inference-mode models do. Throws a
    /// `Diagnostic` when the trainer has no evaluation model or the data do not fit it (sample
    /// shape, label count, label range).
    public func evaluate(images: Tensor, labels: Tensor) throws -> TrainerEvaluation {
        let signature = try requireEvaluation().signature
        return try evaluate(ClassificationDataset(images: images, labels: labels, classCount: signature.classCount))
    }

    /// Evaluates the current parameters on every sample of `dataset` (see `evaluate(images:labels:)`).
    public func evaluate(_ dataset: ClassificationDataset) throws -> TrainerEvaluation {
        let (model, signature) = try requireEvaluation()
        try dataset.requireSampleShape(Array(signature.data.type.shape.fixedSizes?.dropFirst() ?? []), of: signature.data.name)
        guard dataset.classCount <= signature.classCount else {
            throw Diagnostic("the dataset has \(dataset.classCount) classes, the evaluation model's logits \(signature.classCount)")
        }
        var inputs: [String: Tensor] = [:]
        for name in signature.state { inputs[name] = state[name] }
        /// The logits and loss of the samples at `indices` (exactly one batch of them).
        func run(_ indices: [Int]) throws -> (logits: [Double], loss: Double?) {
            let batch = try dataset.batch(indices)
            inputs[signature.data.name] = batch.images
            if let labels = signature.labels { inputs[labels.name] = batch.labels }
            let outputs = try model.run(inputs)
            guard let logits = outputs[signature.logits] else {
                throw Diagnostic("evaluation model @\(model.graph.name) returned no logits %\(signature.logits)")
            }
            return (logits.doubles, signature.loss.flatMap { outputs[$0]?.doubles.first })
        }
        let size = signature.batchSize
        var correct = 0
        var lossSum = 0.0
        for start in stride(from: 0, to: dataset.count, by: size) {
            let indices = Array(start..<min(start + size, dataset.count))
            let filler = repeatElement(indices[0], count: size - indices.count)
            let result = try run(indices + filler)
            for (row, index) in indices.enumerated() {
                let scores = result.logits[(row * signature.classCount)..<((row + 1) * signature.classCount)]
                if scores.firstIndex(of: scores.max() ?? 0) == scores.startIndex + dataset.label(at: index) { correct += 1 }
            }
            if let loss = result.loss {
                let fillerLoss = filler.isEmpty ? 0 : try run(Array(repeatElement(indices[0], count: size))).loss ?? 0
                lossSum += Double(size) * loss - Double(filler.count) * fillerLoss
            }
        }
        let loss = signature.loss.map { _ in lossSum / Double(dataset.count) }
        return TrainerEvaluation(loss: loss, correct: correct, count: dataset.count)
    }

    /// The evaluation model and its signature; a `Diagnostic` when the trainer has none.
    private func requireEvaluation() throws -> (model: Model, signature: EvaluationSignature) {
        guard let evaluationModel, let evaluationSignature else {
            throw Diagnostic("this trainer has no evaluation model; create it with Trainer(trainingStep:evaluation:initialState:)")
        }
        return (evaluationModel, evaluationSignature)
    }
}
