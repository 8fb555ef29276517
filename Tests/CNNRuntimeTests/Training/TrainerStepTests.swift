import CNNIR
import CNNRuntime
import Foundation
import Testing

/// The trainer's step: state fed back, the loss returned, bad batches refused.
@Suite("Trainer steps")
struct TrainerStepTests {
    @Test("each step feeds every <name>.next back: the trajectory of plain SGD matches one computed independently in Double")
    func sgdTrajectory() throws {
        let learningRate = 0.5
        let trainer = try LinearClassifier.trainer(learningRate: learningRate)
        let data = try LinearClassifier.dataset(count: 14, seed: 5)
        var oracle = LinearClassifierOracle(w: TrainingTestSupport.rows(try #require(trainer.state["w"])),
                                            b: try #require(trainer.state["b"]).doubles)
        let initial = oracle
        var steps = 0
        for epoch in 0..<3 {
            for indices in try data.batchIndices(epoch: epoch, seed: 3, batchSize: 4, partial: .drop) {
                let batch = try data.batch(indices)
                let labels = try batch.labels.elements(as: Int64.self).map(Int.init)
                let expectedLoss = oracle.step(TrainingTestSupport.rows(batch.images), labels, learningRate: learningRate)
                let loss = try trainer.step(inputs: batch.images, labels: batch.labels)
                steps += 1
                #expect(abs(Double(loss) - expectedLoss) < 1e-5, "step \(steps): loss \(loss), expected \(expectedLoss)")
                let w = TrainingTestSupport.rows(try #require(trainer.state["w"])).joined()
                let b = try #require(trainer.state["b"]).doubles
                #expect(zip(w, oracle.w.joined()).allSatisfy { abs($0 - $1) < 1e-5 }, "step \(steps): w \(w)")
                #expect(zip(b, oracle.b).allSatisfy { abs($0 - $1) < 1e-5 }, "step \(steps): b \(b)")
                #expect(trainer.state["step"] == Tensor(scalar: Int64(steps)))
            }
        }
        #expect(steps == 9)
        #expect(trainer.stepCount == 9)
        let everything = try data.batch(0..<data.count)
        let allLabels = (0..<data.count).map(data.label)
        #expect(oracle.loss(TrainingTestSupport.rows(everything.images), allLabels)
                < initial.loss(TrainingTestSupport.rows(everything.images), allLabels))
    }

    @Test("the signature: loss first, state = inputs with a .next output, batch = the others, labels the i64 one")
    func signature() throws {
        let trainer = try LinearClassifier.trainer()
        #expect(trainer.signature.loss == "loss")
        #expect(trainer.signature.state.map(\.name) == ["w", "b", "step"])
        #expect(trainer.signature.batch.map(\.name) == ["x", "labels"])
        #expect(trainer.signature.data?.name == "x")
        #expect(trainer.signature.labels?.name == "labels")
        #expect(trainer.parameterNames == ["w", "b"])
        #expect(Set(trainer.parameters.keys) == ["w", "b"])
    }

    @Test("a batch of the wrong shape or type, or a missing one, is refused with what was expected")
    func batchValidation() throws {
        let trainer = try LinearClassifier.trainer()
        let x = try Tensor.zeros(shape: [4, 3]), labels = try Tensor.zeros(shape: [4], dtype: .i64)
        #expect(TrainingTestSupport.diagnostic { try trainer.step(inputs: try Tensor.zeros(shape: [5, 3]), labels: labels) }?.message
                == "batch input %x: expected f32[4,3], found f32[5,3]")
        #expect(TrainingTestSupport.diagnostic { try trainer.step(inputs: x, labels: try Tensor.zeros(shape: [4])) }?.message
                == "batch input %labels: expected i64[4], found f32[4]")
        #expect(TrainingTestSupport.diagnostic { try trainer.step(batch: ["x": x]) }?.message
                == "missing batch input %labels of type i64[4]")
        #expect(TrainingTestSupport.diagnostic { try trainer.step(batch: ["x": x, "labels": labels, "w": x]) }?.message
                == "unknown batch input %w; the model's batch inputs are %x, %labels")
        #expect(trainer.stepCount == 0)
    }

    @Test("a step that fails at run time (a label out of range) leaves the state as it was")
    func failedStepKeepsState() throws {
        let trainer = try LinearClassifier.trainer()
        let before = trainer.state
        let labels = try Tensor(shape: [4], elements: [0, 1, 7, 0] as [Int64])
        let diagnostic = TrainingTestSupport.diagnostic { try trainer.step(inputs: try Tensor.zeros(shape: [4, 3]), labels: labels) }
        #expect(diagnostic?.message.contains("out of range") == true, "\(String(describing: diagnostic))")
        #expect(trainer.state == before)
        #expect(trainer.stepCount == 0)
    }

    @Test("named batch inputs: a state input without a .next output is held constant")
    func constantState() throws {
        let graph = try IRParser.parse("""
            graph @s(%x: f32[2], %labels: i64[2], %w: f32[2], %offset: f32[2]) -> (f32[], f32[2]) {
              %y = mul %x, %w : f32[2]
              %z = add %y, %offset : f32[2]
              %loss = reduce_sum %z {keepdims = false} : f32[]
              %w.next = sub %w, %x : f32[2]
              return %loss, %w.next
            }
            """, file: "s.ir")
        let step = try Model(graph: graph, parameters: [:])
        let state = ["w": try Tensor(shape: [2], scalars: [1, 2]), "offset": try Tensor(shape: [2], scalars: [10, 20])]
        let x = try Tensor(shape: [2], scalars: [0.5, -1]), labels = try Tensor.zeros(shape: [2], dtype: .i64)
        #expect(TrainingTestSupport.diagnostic { _ = try Trainer(trainingStep: step, initialState: state) }?.message
                == "unknown state input %offset; the model's state inputs are %w")
        let trainer = try Trainer(trainingStep: step, initialState: state, batchInputs: ["x", "labels"])
        #expect(trainer.signature.updatedState == ["w"])
        #expect(trainer.signature.state.map(\.name) == ["w", "offset"])
        #expect(try trainer.step(inputs: x, labels: labels) == 0.5 * 1 - 2 + 30)
        #expect(try trainer.step(inputs: x, labels: labels) == 0.5 * 0.5 - 3 + 30)
        #expect(trainer.state["w"] == (try Tensor(shape: [2], scalars: [0, 4])))
        #expect(trainer.state["offset"] == state["offset"])
        #expect(TrainingTestSupport.diagnostic { _ = try TrainingStepSignature(graph: graph, batchInputs: ["x", "w"]) }?.message
                == "training step @s: the batch input %w cannot have a next value")
        #expect(TrainingTestSupport.diagnostic { _ = try TrainingStepSignature(graph: graph, batchInputs: ["images"]) }?.message
                == "training step @s has no batch input %images")
    }

    @Test("the initial state is checked: missing, unknown and mistyped values are diagnostics")
    func initialStateValidation() throws {
        let step = try Model(graph: LinearClassifier.stepGraph(batch: 4, features: 3, classes: 2, learningRate: 0.1), parameters: [:])
        var state = try LinearClassifier.initialState(features: 3, classes: 2, seed: 1)
        state["b"] = nil
        #expect(TrainingTestSupport.diagnostic { _ = try Trainer(trainingStep: step, initialState: state) }?.message
                == "missing state input %b of type f32[2]")
        state["b"] = try Tensor.zeros(shape: [3])
        #expect(TrainingTestSupport.diagnostic { _ = try Trainer(trainingStep: step, initialState: state) }?.message
                == "state input %b: expected f32[2], found f32[3]")
        state["b"] = try Tensor.zeros(shape: [2])
        state["velocity"] = try Tensor.zeros(shape: [2])
        #expect(TrainingTestSupport.diagnostic { _ = try Trainer(trainingStep: step, initialState: state) }?.message
                == "unknown state input %velocity; the model's state inputs are %w, %b, %step")
    }

    /// Training-step bodies over inputs %w and %b (f32[2]) that break the contract: the graph's
    /// result types, its body, and the message.
    static let contractViolations: [(String, String, String)] = [
        ("(f32[2], f32[2])", "%w.next = sub %w, %b : f32[2]\n  return %w.next, %w.next",
         "training step @s: the first output %w.next must be the loss, a floating scalar such as f32[], found f32[2]"),
        ("(f32[], f32[2])", "%loss = reduce_sum %w {keepdims = false} : f32[]\n  return %loss, %b",
         "training step @s: output %b is neither the loss (the first output) nor the next value of an input (named <input>.next)"),
        ("(f32[], f32[2])", "%v.next = sub %w, %b : f32[2]\n  %loss = reduce_sum %w {keepdims = false} : f32[]\n  return %loss, %v.next",
         "training step @s: output %v.next is the next value of %v, which is not an input of the step"),
        ("(f32[], f32[])", "%w.next = reduce_sum %w {keepdims = false} : f32[]\n  %loss = reduce_sum %w {keepdims = false} : f32[]\n  return %loss, %w.next",
         "training step @s: output %w.next has type f32[], its input %w has f32[2]"),
    ]

    @Test("graphs that break the training-step contract are refused with the reason", arguments: contractViolations)
    func contractViolation(results: String, body: String, message: String) throws {
        let graph = try IRParser.parse("graph @s(%w: f32[2], %b: f32[2]) -> \(results) {\n  \(body)\n}", file: "s.ir")
        #expect(TrainingTestSupport.diagnostic { _ = try TrainingStepSignature(graph: graph) }?.message == message)
    }
}
