import CNNIR

/// Builds the training step of a model: the forward pass in training mode, the loss, the
/// gradients (`Differentiator`) and the optimizer's updates, all as IR — so that a step is
/// optimized, kernel-selected and memory-planned like inference — plus the evaluation graph.
///
/// In training mode every `batch_norm` becomes `batch_norm_train` (batch statistics; the running
/// statistics updated with its momentum) and every `dropout` draws a mask from its seed and the
/// step counter. Parameters and optimizer state become graph inputs, so that no kernel caches a
/// weight that changes (see `TrainingStep` for the contract).
public enum TrainingStepBuilder {
    /// The name of the labels input.
    public static let labelsName = "labels"
    /// The name of the step-counter input (i64 scalar, 0 at the first step).
    public static let stepName = "step"
    /// The name of the loss value.
    public static let lossName = "loss"

    /// The training step and evaluation graph of `model` (one input of shape [N, …]; its first
    /// output is what the loss compares with the labels). Throws a `Diagnostic` when the model
    /// cannot be batched to `options.batchSize`, its output does not suit the loss, or a node on
    /// the way from a parameter to the loss has no gradient rule.
    public static func build(model: Graph, options: TrainingOptions) throws -> TrainingStep {
        guard options.batchSize > 0 else { throw Diagnostic("the batch size must be positive, found \(options.batchSize)") }
        guard model.inputs.count == 1, let logitsName = model.outputs.first else {
            throw Diagnostic("a trained model takes one input (the images) and returns the scores first; @\(model.name) has \(model.inputs.count) inputs and \(model.outputs.count) outputs", at: model.location)
        }
        let inference = try Rebatching.rebatched(model.resolvingAutoPads(), batch: options.batchSize)
        let forward = try trainingForward(inference, logits: logitsName, options: options)
        let trained = Differentiator.parameters(of: forward.graph, reaching: lossName)
        guard !trained.isEmpty else { throw Diagnostic("no parameter of @\(model.name) affects the loss, so there is nothing to train") }
        let differentiated = try Differentiator.differentiate(forward.graph, loss: lossName, withRespectTo: trained)
        let builder = GraphBuilder(continuing: differentiated.graph)
        let updates = try OptimizerEmission(builder: builder, options: options)
            .emitUpdates(parameters: trained, gradients: differentiated.gradients)
        var outputs = [try value(lossName, in: builder)]
        outputs += try updates.nextValues
        outputs += try forward.statisticsUpdates.map { try value($0, in: builder) }
        try builder.setOutputs(outputs)
        let step = parametersAsInputs(try builder.build(), batchInputs: 2)
        let evaluation = try evaluationGraph(inference, logits: logitsName, options: options)
        return TrainingStep(step: step, evaluation: evaluation, inputNames: [inference.inputs[0].name, labelsName],
                            trainedParameters: trained, initialState: updates.initialState)
    }

    /// The forward graph in training mode with its loss, parameters still parameters (so the
    /// trained ones can be found), and the names of the running-statistics updates it computes.
    private static func trainingForward(_ inference: Graph, logits: String, options: TrainingOptions) throws -> (graph: Graph, statisticsUpdates: [String]) {
        let builder = GraphBuilder(name: inference.name + "_train")
        _ = try builder.input(inference.inputs[0].name, inference.inputs[0].type)
        let labels = try labelsInput(builder, logits: inference.valueTypes[logits], options: options)
        let step = try builder.input(stepName, TensorType(.i64, Shape([Int]())))
        for parameter in inference.parameters { _ = try builder.parameter(parameter.name, parameter.type) }
        var statisticsUpdates: [String] = []
        for node in inference.nodes {
            switch node.op {
            case .batchNorm: statisticsUpdates += try TrainingMode.batchNorm(node, builder: builder)
            case .dropout: try TrainingMode.dropout(node, step: step, builder: builder)
            default: try Rebatching.replay([node], into: builder)
            }
        }
        _ = try loss(builder, logits: value(logits, in: builder), labels: labels, options: options)
        try builder.output(value(lossName, in: builder))
        return (try builder.build(), statisticsUpdates)
    }

    /// The inference graph with the labels and the loss, returning the loss and the scores.
    private static func evaluationGraph(_ inference: Graph, logits: String, options: TrainingOptions) throws -> Graph {
        let builder = GraphBuilder(continuing: inference)
        let labels = try labelsInput(builder, logits: inference.valueTypes[logits], options: options)
        let scores = try value(logits, in: builder)
        try builder.setOutputs([try loss(builder, logits: scores, labels: labels, options: options), scores])
        var graph = parametersAsInputs(try builder.build(), batchInputs: 2)
        graph.name = inference.name + "_evaluate"
        return graph
    }

    /// Declares the labels: i64[N] class indices, or targets like the output for mse.
    private static func labelsInput(_ builder: GraphBuilder, logits: TensorType?, options: TrainingOptions) throws -> GraphValue {
        guard let logits, logits.rank == 2 || options.loss == .meanSquaredError else {
            throw Diagnostic("a classification loss needs scores of shape [N, classes], found \(logits.map(\.description) ?? "none")")
        }
        if options.loss == .meanSquaredError { return try builder.input(labelsName, logits) }
        return try builder.input(labelsName, TensorType(.i64, [options.batchSize]))
    }

    /// The loss node, named `loss`.
    private static func loss(_ builder: GraphBuilder, logits: GraphValue, labels: GraphValue, options: TrainingOptions) throws -> GraphValue {
        switch options.loss {
        case .softmaxCrossEntropy(let smoothing):
            return try builder.apply(.softmaxCrossEntropy, [logits, labels], ["label_smoothing": .float(smoothing)], name: lossName)
        case .hinge(let margin):
            return try builder.apply(.hinge, [logits, labels], ["margin": .float(margin)], name: lossName)
        case .meanSquaredError:
            return try builder.apply(.mse, [logits, labels], name: lossName)
        }
    }

    /// `graph` with its parameters declared as inputs after the first `batchInputs` inputs, and
    /// no weights file (the trainer supplies every value).
    private static func parametersAsInputs(_ graph: Graph, batchInputs: Int) -> Graph {
        var converted = graph
        converted.inputs = Array(graph.inputs.prefix(batchInputs)) + graph.parameters + graph.inputs.dropFirst(batchInputs)
        converted.parameters = []
        converted.weightsFile = nil
        return converted
    }

    /// The value `name` of the graph being built.
    static func value(_ name: String, in builder: GraphBuilder) throws -> GraphValue {
        guard let value = builder.value(named: name) else { throw Diagnostic("%\(name) is not defined") }
        return value
    }
}
