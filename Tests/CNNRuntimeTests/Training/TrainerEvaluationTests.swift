import CNNIR
import CNNRuntime
import Foundation
import Testing

/// Evaluation: cross-entropy and accuracy over every sample, whatever the evaluation batch size.
@Suite("Trainer evaluation")
struct TrainerEvaluationTests {
    @Test("loss and accuracy match an independent computation over all samples, whatever the evaluation batch (a partial last one filled up)",
          arguments: [1, 3, 4, 10, 16])
    func matchesOracle(evaluationBatch: Int) throws {
        let trainer = try LinearClassifier.trainer(evaluationBatch: evaluationBatch)
        let data = try LinearClassifier.dataset(count: 10, seed: 21)
        for indices in try data.batchIndices(epoch: 0, seed: 1, batchSize: 4, partial: .drop) {
            let batch = try data.batch(indices)
            try trainer.step(inputs: batch.images, labels: batch.labels)
        }
        let oracle = LinearClassifierOracle(w: TrainingTestSupport.rows(try #require(trainer.state["w"])),
                                            b: try #require(trainer.state["b"]).doubles)
        let everything = try data.batch(0..<data.count)
        let labels = (0..<data.count).map(data.label)
        let logits = oracle.logits(TrainingTestSupport.rows(everything.images))
        let correct = zip(logits, labels).filter { row, label in row.firstIndex(of: row.max() ?? 0) == label }.count

        let evaluation = try trainer.evaluate(images: everything.images, labels: everything.labels)
        #expect(evaluation.count == 10)
        #expect(evaluation.correct == correct)
        #expect(abs(evaluation.accuracy - Double(correct) / 10) < 1e-12)
        let loss = try #require(evaluation.loss)
        #expect(abs(loss - oracle.loss(TrainingTestSupport.rows(everything.images), labels)) < 1e-5, "loss \(loss)")
        #expect(try trainer.evaluate(data) == evaluation)
    }

    @Test("an evaluation model without a loss output gives the accuracy and no loss")
    func withoutLoss() throws {
        let trainer = try LinearClassifier.trainer(evaluationBatch: 3, evaluationLoss: false)
        let data = try LinearClassifier.dataset(count: 7, seed: 8)
        let evaluation = try trainer.evaluate(data)
        #expect(evaluation.loss == nil)
        #expect(evaluation.count == 7)
        #expect(evaluation == TrainerEvaluation(loss: nil, correct: try LinearClassifier.trainer(evaluationBatch: 7).evaluate(data).correct, count: 7))
    }

    @Test("data that do not fit the evaluation model are diagnostics")
    func mismatchedData() throws {
        let trainer = try LinearClassifier.trainer()
        let images = try Tensor.zeros(shape: [5, 3])
        #expect(TrainingTestSupport.diagnostic {
            _ = try trainer.evaluate(images: try Tensor.zeros(shape: [5, 4]), labels: try Tensor.zeros(shape: [5], dtype: .i64))
        }?.message == "each sample is [4] (5 samples), but the model's input %x takes samples of [3]")
        #expect(TrainingTestSupport.diagnostic {
            _ = try trainer.evaluate(images: images, labels: try Tensor(shape: [5], elements: [0, 1, 2, 0, 1] as [Int64]))
        }?.message == "label 2 of sample 2 is out of range: the model has 2 classes, so labels must be 0 to 1")
        #expect(TrainingTestSupport.diagnostic {
            _ = try trainer.evaluate(images: images, labels: try Tensor.zeros(shape: [4], dtype: .i64))
        }?.message == "there are 5 images but 4 labels; each image needs one label")
    }

    @Test("without an evaluation model, evaluate says so; an evaluation model must fit the step")
    func evaluationModelChecks() throws {
        let stepGraph = try LinearClassifier.stepGraph(batch: 4, features: 3, classes: 2, learningRate: 0.1)
        let step = try Model(graph: stepGraph, parameters: [:])
        let state = try LinearClassifier.initialState(features: 3, classes: 2, seed: 1)
        let bare = try Trainer(trainingStep: step, initialState: state)
        #expect(bare.parameterNames == ["w", "b", "step"])
        #expect(TrainingTestSupport.diagnostic {
            _ = try bare.evaluate(images: try Tensor.zeros(shape: [2, 3]), labels: try Tensor.zeros(shape: [2], dtype: .i64))
        }?.message.hasPrefix("this trainer has no evaluation model") == true)

        let wrongWeight = try IRParser.parse("""
            graph @e(%x: f32[2,3], %w: f32[3,3]) -> f32[2,3] {
              %y = matmul %x, %w : f32[2,3]
              return %y
            }
            """, file: "e.ir")
        #expect(TrainingTestSupport.diagnostic {
            _ = try Trainer(trainingStep: step, evaluation: try Model(graph: wrongWeight, parameters: [:]), initialState: state)
        }?.message == "evaluation input %w is f32[3,3], the training step's state input is f32[3,2]")

        let twoData = try IRParser.parse("""
            graph @e(%x: f32[2,3], %z: f32[2,3], %w: f32[3,2]) -> f32[2,2] {
              %s = add %x, %z : f32[2,3]
              %y = matmul %s, %w : f32[2,2]
              return %y
            }
            """, file: "e.ir")
        #expect(TrainingTestSupport.diagnostic {
            _ = try Trainer(trainingStep: step, evaluation: try Model(graph: twoData, parameters: [:]), initialState: state)
        }?.message.contains("must take one data input besides the state inputs") == true)
    }
}
