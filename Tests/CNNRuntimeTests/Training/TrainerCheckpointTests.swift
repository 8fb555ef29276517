import CNNIR
import CNNRuntime
import Foundation
import Testing

/// Checkpoints: resuming reproduces an uninterrupted run bit for bit, saving is atomic, and bad
/// files are diagnostics.
@Suite("Trainer checkpoints")
struct TrainerCheckpointTests {
    /// Trains `trainer` through `epochs` on `data` (batches of 4, shuffled with seed 11), advancing its epoch counter.
    static func train(_ trainer: Trainer, on data: ClassificationDataset, epochs: Range<Int>) throws {
        for epoch in epochs {
            for indices in try data.batchIndices(epoch: epoch, seed: 11, batchSize: 4, partial: .drop) {
                let batch = try data.batch(indices)
                try trainer.step(inputs: batch.images, labels: batch.labels)
            }
            trainer.epoch = epoch + 1
        }
    }

    /// The state as raw bytes, so that equality is bit-identity.
    static func bits(_ state: [String: Tensor]) throws -> [String: WeightTensor] {
        try state.mapValues { try WeightTensor($0) }
    }

    @Test("save, discard the trainer (a kill), resume from the file: the final weights are bit-identical to an uninterrupted run")
    func resumeMatchesUninterruptedRun() throws {
        try TrainingTestSupport.withTemporaryFolder { folder in
            let data = try LinearClassifier.dataset(count: 18, seed: 2)
            let uninterrupted = try LinearClassifier.trainer()
            try Self.train(uninterrupted, on: data, epochs: 0..<5)

            let path = folder.appendingPathComponent("run.ckpt").path
            do {
                let first = try LinearClassifier.trainer()
                first.metadata["data.seed"] = "11"
                try Self.train(first, on: data, epochs: 0..<2)
                try first.save(to: path)
                try Self.train(first, on: data, epochs: 2..<3)
            }
            let resumed = try Trainer(resumingFrom: path, trainingStep: uninterrupted.trainingStep,
                                      evaluation: uninterrupted.evaluationModel)
            #expect(resumed.epoch == 2)
            #expect(resumed.stepCount == 8)
            #expect(resumed.metadata == ["data.seed": "11"])
            #expect(resumed.state["step"] == Tensor(scalar: Int64(8)))
            try Self.train(resumed, on: data, epochs: resumed.epoch..<5)
            #expect(try Self.bits(resumed.state) == Self.bits(uninterrupted.state))
            #expect(resumed.stepCount == uninterrupted.stepCount)
            #expect(uninterrupted.state != (try LinearClassifier.trainer()).state)
        }
    }

    @Test("load(from:) puts an advanced trainer back to the saved state and counters")
    func loadRestores() throws {
        try TrainingTestSupport.withTemporaryFolder { folder in
            let data = try LinearClassifier.dataset(count: 8, seed: 4)
            let trainer = try LinearClassifier.trainer()
            try Self.train(trainer, on: data, epochs: 0..<1)
            let path = folder.appendingPathComponent("a.ckpt").path
            try trainer.save(to: path)
            let saved = try Self.bits(trainer.state)
            try Self.train(trainer, on: data, epochs: 1..<3)
            #expect(try Self.bits(trainer.state) != saved)
            try trainer.load(from: path)
            #expect(try Self.bits(trainer.state) == saved)
            #expect(trainer.stepCount == 2)
            #expect(trainer.epoch == 1)
        }
    }

    @Test("a failed save leaves no file behind and an earlier checkpoint intact")
    func atomicSave() throws {
        try TrainingTestSupport.withTemporaryFolder { folder in
            let trainer = try LinearClassifier.trainer()
            let path = folder.appendingPathComponent("good.ckpt").path
            try trainer.save(to: path)
            let earlier = try Data(contentsOf: URL(fileURLWithPath: path))

            // The destination is a folder holding a file: the complete temporary file cannot be
            // renamed over it, so it must be removed.
            let occupied = folder.appendingPathComponent("occupied")
            try FileManager.default.createDirectory(at: occupied, withIntermediateDirectories: true)
            try Data("keep".utf8).write(to: occupied.appendingPathComponent("inside"))
            let renameFailure = TrainingTestSupport.diagnostic { try trainer.save(to: occupied.path) }
            #expect(renameFailure?.message.contains("cannot replace") == true, "\(String(describing: renameFailure))")
            #expect(renameFailure?.location?.file == occupied.path)

            let missingFolder = folder.appendingPathComponent("missing/run.ckpt").path
            #expect(TrainingTestSupport.diagnostic { try trainer.save(to: missingFolder) } != nil)

            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["good.ckpt", "occupied"])
            #expect(try FileManager.default.contentsOfDirectory(atPath: occupied.path) == ["inside"])
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == earlier)

            let data = try LinearClassifier.dataset(count: 4, seed: 9)
            try Self.train(trainer, on: data, epochs: 0..<1)
            try trainer.save(to: path)
            #expect(try TrainingCheckpoint(contentsOf: path) == trainer.checkpoint)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["good.ckpt", "occupied"])
        }
    }

    @Test("truncated, foreign and mismatched checkpoints are diagnostics located at the file, and the trainer is unchanged")
    func badCheckpoints() throws {
        try TrainingTestSupport.withTemporaryFolder { folder in
            let trainer = try LinearClassifier.trainer()
            let good = folder.appendingPathComponent("good.ckpt").path
            try trainer.save(to: good)
            let bytes = try Data(contentsOf: URL(fileURLWithPath: good))
            let before = try Self.bits(trainer.state)

            func attempt(_ name: String, _ contents: Data) -> Diagnostic? {
                let path = folder.appendingPathComponent(name).path
                FileManager.default.createFile(atPath: path, contents: contents)
                let diagnostic = TrainingTestSupport.diagnostic { try trainer.load(from: path) }
                #expect(diagnostic?.location?.file == path, "\(name): \(String(describing: diagnostic))")
                #expect(TrainingTestSupport.diagnostic {
                    _ = try Trainer(resumingFrom: path, trainingStep: trainer.trainingStep)
                } != nil, "\(name)")
                return diagnostic
            }
            func store(_ tensors: [String: Tensor], metadata: [String: String]) throws -> Data {
                var store = WeightStore(metadata: metadata)
                for (name, tensor) in tensors { store.tensors[name] = try WeightTensor(tensor) }
                return Data(try SafeTensors.encode(store))
            }
            let counters = [TrainingCheckpoint.stepsKey: "3", TrainingCheckpoint.epochKey: "1"]

            #expect(attempt("truncated", bytes.prefix(bytes.count - 5)) != nil)
            #expect(attempt("garbage", Data((0..<64).map { UInt8($0 * 37 % 251) })) != nil)
            #expect(attempt("empty", Data()) != nil)
            #expect(attempt("weights", try store(trainer.state, metadata: [:]))?.message.contains("not a cnnc training checkpoint") == true)
            #expect(attempt("counter", try store(trainer.state, metadata: [TrainingCheckpoint.stepsKey: "-2", TrainingCheckpoint.epochKey: "0"]))?
                .message == "the checkpoint's cnnc.training.steps is '-2', not a non-negative integer")
            var wrongShape = trainer.state
            wrongShape["w"] = try Tensor.zeros(shape: [4, 2])
            #expect(attempt("shape", try store(wrongShape, metadata: counters))?.message
                    == "the checkpoint does not fit training step @linear_step (written for another model or optimizer?): "
                    + "%w is f32[4,2], the step takes f32[3,2]")
            var missing = trainer.state
            missing["step"] = nil
            missing["velocity.w"] = try Tensor.zeros(shape: [3, 2])
            #expect(attempt("missing", try store(missing, metadata: counters))?.message.hasSuffix(
                "it has no %step; it holds %velocity.w, which the step does not take") == true)
            #expect(try Self.bits(trainer.state) == before)
            #expect(trainer.stepCount == 0)
        }
    }
}
