import CNNIR
import CNNPasses
import CNNRuntime
import Testing

/// The training step `TrainingStepBuilder` builds: its contract (inputs, loss, `.next` outputs),
/// its training-mode forms, and that running it lowers the loss.
@Suite struct TrainingStepBuilderTests {
    /// A small CNN for 1×6×6 images and 3 classes: conv, batch_norm, relu, max_pool, dropout
    /// (when `dropout`), gemm.
    static func model(dropout: Bool = true) throws -> Graph {
        let b = GraphBuilder(name: "small")
        let x = try b.input("x", TensorType(.f32, [1, 1, 6, 6]))
        let w = try b.parameter("conv.weight", TensorType(.f32, [4, 1, 3, 3]))
        let bias = try b.parameter("conv.bias", TensorType(.f32, [4]))
        let statistics = try ["bn.scale", "bn.bias", "bn.mean", "bn.variance"].map { try b.parameter($0, TensorType(.f32, [4])) }
        let fc = try b.parameter("fc.weight", TensorType(.f32, [3, 16]))
        let fcBias = try b.parameter("fc.bias", TensorType(.f32, [3]))
        let conv = try b.apply(.conv, [x, w, bias], ["pads": .ints([1, 1, 1, 1])], name: "conv")
        let normalized = try b.apply(.batchNorm, [conv] + statistics, name: "bn")
        let pooled = try b.apply(.maxPool, [b.relu(normalized)], ["kernel": .ints([3, 3]), "strides": .ints([3, 3])], name: "pool")
        let flat = try b.flatten(pooled)
        let dropped = dropout ? try b.dropout(flat, ratio: 0.25, seed: 7, name: "drop") : flat
        try b.output(b.gemm(dropped, fc, fcBias, transB: true, name: "fc"))
        return try b.build()
    }

    /// Seeded weights for `model()`, the variance positive.
    static func weights() throws -> [String: Tensor] {
        var generator = SeededGenerator(seed: 3)
        var weights: [String: Tensor] = [:]
        for parameter in try model().parameters {
            let sizes = parameter.type.shape.fixedSizes ?? []
            let count = sizes.reduce(1, *)
            let values = (0..<count).map { _ in Float(parameter.name == "bn.variance" ? 0.5 + generator.nextUnitDouble() : generator.nextUnitDouble() - 0.5) }
            weights[parameter.name] = try Tensor(shape: sizes, scalars: values)
        }
        return weights
    }

    @Test func followsTheTrainingStepContract() throws {
        let step = try TrainingStepBuilder.build(model: Self.model(), options: TrainingOptions(optimizer: .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8, decoupled: false), batchSize: 5))
        let graph = step.step
        try Verifier.verify(graph)
        #expect(graph.parameters.isEmpty)
        #expect(Array(graph.inputs.prefix(2).map(\.name)) == ["x", "labels"])
        #expect(graph.inputs[0].type == TensorType(.f32, [5, 1, 6, 6]))
        #expect(graph.inputs[1].type == TensorType(.i64, [5]))
        #expect(graph.outputs.first == "loss")
        let inputNames = Set(graph.inputs.map(\.name))
        for output in graph.outputs.dropFirst() {
            #expect(output.hasSuffix(".next"))
            #expect(inputNames.contains(String(output.dropLast(5))), "\(output) feeds no input")
        }
        #expect(Set(step.trainedParameters) == ["conv.weight", "conv.bias", "bn.scale", "bn.bias", "fc.weight", "fc.bias"])
        #expect(graph.outputs.contains("bn.mean.next") && graph.outputs.contains("bn.variance.next"))
        #expect(graph.outputs.contains("optimizer.m.fc.weight.next") && graph.outputs.contains("step.next"))
        #expect(graph.nodes.contains { $0.op == .batchNormTrain } && !graph.nodes.contains { $0.op == .batchNorm })
        #expect(step.initialState["optimizer.v.conv.weight"]?.shape == [4, 1, 3, 3])
        #expect(step.evaluation.outputs.count == 2)
        #expect(step.evaluation.nodes.contains { $0.op == .batchNorm })
    }

    @Test(arguments: ["sgd", "momentum", "nesterov", "adam", "adamw", "rmsprop", "adagrad"])
    func repeatedStepsLowerTheLoss(optimizerName: String) throws {
        let optimizer: Optimizer
        switch optimizerName {
        case "sgd": optimizer = .sgd
        case "momentum", "nesterov": optimizer = .momentum(0.9, nesterov: optimizerName == "nesterov")
        case "rmsprop": optimizer = .rmsprop(decay: 0.9, epsilon: 1e-8)
        case "adagrad": optimizer = .adagrad(epsilon: 1e-10)
        default: optimizer = .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8, decoupled: optimizerName == "adamw")
        }
        let adaptive = ["adam", "adamw", "rmsprop", "adagrad"].contains(optimizerName)
        let options = TrainingOptions(optimizer: optimizer, learningRate: adaptive ? 0.02 : 0.1, weightDecay: optimizerName == "adamw" ? 0.01 : 0,
                                      clipNorm: 5, batchSize: 6)
        let step = try TrainingStepBuilder.build(model: Self.model(dropout: false), options: options)
        var generator = SeededGenerator(seed: 11)
        let images = try Tensor(shape: [6, 1, 6, 6], scalars: (0..<216).map { _ in Float(generator.nextUnitDouble() * 2 - 1) })
        let labels = try Tensor(shape: [6], elements: [Int64](arrayLiteral: 0, 1, 2, 0, 1, 2))
        var values = try Self.weights()
        for (name, value) in step.initialState { values[name] = try Tensor(value) }
        var losses: [Double] = []
        for _ in 0..<20 {
            var inputs = values
            inputs["x"] = images
            inputs["labels"] = labels
            let outputs = try ReferenceExecutor.run(step.step, inputs: inputs)
            losses.append(try #require(outputs["loss"]?.doubles.first))
            for output in step.step.outputs.dropFirst() { values[String(output.dropLast(5))] = outputs[output] }
        }
        #expect(losses.last! < 0.65 * losses.first!, "losses \(losses)")
        #expect(zip(losses.dropFirst(), losses).allSatisfy { $0 < $1 }, "losses \(losses)")
        #expect(values["step"]?.storage == .i64([20]))
    }

    @Test func rejectsAModelWithoutTrainableParameters() throws {
        let b = GraphBuilder(name: "fixed")
        try b.output(b.relu(b.input("x", TensorType(.f32, [1, 3]))))
        #expect(throws: Diagnostic.self) { try TrainingStepBuilder.build(model: b.build(), options: TrainingOptions(batchSize: 2)) }
    }

    @Test func rejectsAReshapeThatFixesTheBatch() throws {
        let b = GraphBuilder(name: "fixed_batch")
        let x = try b.input("x", TensorType(.f32, [1, 2, 2]))
        let w = try b.parameter("w", TensorType(.f32, [4, 3]))
        try b.output(b.gemm(b.reshape(x, shape: [1, 4]), w))
        let error = try #require(throws: Diagnostic.self) { try TrainingStepBuilder.build(model: b.build(), options: TrainingOptions(batchSize: 2)) }
        #expect(error.description.contains("reshape"))
    }
}
