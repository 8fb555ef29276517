import CNNIR
import CNNRuntime
import Foundation
import Testing

/// `cnnc train`: it learns, reports every epoch, writes weights that `cnnc run` reads, resumes
/// to the same weights, and stops early.
@Suite("cnnc train")
struct TrainTests {
    /// The common options: 4 epochs of batches of 8 with Adam.
    static let options = ["--batch", "8", "--optimizer", "adam", "--lr", "0.01", "--seed", "3"]

    @Test("trains the tiny classifier: a line per epoch, high test accuracy, weights the model binds")
    func learns() throws {
        try TemporaryFolder.with { folder in
            let files = try TrainFixtures.write(in: folder)
            let output = folder.path("trained.safetensors")
            let result = try CNNC.run(["train", files.model] + files.dataArguments() + Self.options + ["--epochs", "4", "-o", output])
            #expect(result.status == 0, "\(result)")
            let lines = TrainFixtures.epochLines(result.output)
            #expect(lines.count == 4, "\(result)")
            #expect(lines.first?.hasPrefix("epoch 1/4  loss ") == true)
            for part in ["train acc ", "test loss ", "test acc ", " img/s", "ETA "] {
                #expect(lines.allSatisfy { $0.contains(part) }, "\(part) missing: \(lines)")
            }
            #expect(lines.last?.contains("test acc 100.00%") == true, "\(lines)")
            #expect(result.output.contains("weights   seeded initial values (seed 3)"))
            #expect(result.output.contains("8 steps of 8 per epoch, 4 epochs, seed 3"))
            #expect(result.output.contains("wrote \(output): 4 tensors"))
            let store = try WeightStore(contentsOf: output)
            #expect(store.names == ["conv.b", "conv.w", "fc.b", "fc.w"])
            #expect(store.metadata["cnnc.train.epochs"] == "4")
            #expect(store.metadata["cnnc.train.steps"] == "32")
            let initial = try WeightInitializer.initialize(try IRParser.parse(TrainFixtures.model, file: "tiny.ir"), seed: 3)
            #expect(store.tensors["fc.w"] != initial.tensors["fc.w"])
            let check = try CNNC.run(["check", files.model, "--weights", output])
            #expect(check.status == 0, "\(check)")
        }
    }

    @Test("a run checkpointed after 2 epochs and resumed to 5 writes the same bytes as an uninterrupted 5-epoch run")
    func resumeMatches() throws {
        try TemporaryFolder.with { folder in
            let files = try TrainFixtures.write(in: folder, trainCount: 60)
            let whole = folder.path("whole.safetensors")
            let first = try CNNC.run(["train", files.model] + files.dataArguments() + Self.options + ["--epochs", "5", "-o", whole])
            #expect(first.status == 0, "\(first)")

            let checkpoint = folder.path("run.ckpt")
            let partial = folder.path("partial.safetensors")
            let interrupted = try CNNC.run(["train", files.model] + files.dataArguments() + Self.options
                                           + ["--epochs", "2", "--checkpoint", checkpoint, "-o", partial])
            #expect(interrupted.status == 0, "\(interrupted)")
            let resumedPath = folder.path("resumed.safetensors")
            let resumed = try CNNC.run(["train", files.model] + files.dataArguments() + ["--batch", "8", "--optimizer", "adam", "--lr", "0.01"]
                                       + ["--epochs", "5", "--resume", checkpoint, "--checkpoint", checkpoint, "-o", resumedPath])
            #expect(resumed.status == 0, "\(resumed)")
            #expect(TrainFixtures.epochLines(resumed.output).map { String($0.prefix(9)) } == ["epoch 3/5", "epoch 4/5", "epoch 5/5"])
            #expect(resumed.output.contains("resumed after epoch 2, step 14"), "\(resumed)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: resumedPath)) == Data(contentsOf: URL(fileURLWithPath: whole)))
            #expect(try TrainingCheckpoint(contentsOf: checkpoint).epoch == 5)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).allSatisfy { !$0.hasSuffix(".tmp") })

            let finished = try CNNC.run(["train", files.model] + files.dataArguments() + ["--batch", "8", "--optimizer", "adam", "--lr", "0.01"]
                                        + ["--epochs", "5", "--resume", checkpoint, "-o", resumedPath])
            #expect(finished.status == 0, "\(finished)")
            #expect(finished.output.contains("nothing to train: the run has completed 5 epochs of the 5 asked for"), "\(finished)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: resumedPath)) == Data(contentsOf: URL(fileURLWithPath: whole)))

            let reseeded = try CNNC.run(["train", files.model] + files.dataArguments() + ["--epochs", "6", "--seed", "4", "--batch", "8",
                                                                                          "--optimizer", "adam", "--resume", checkpoint, "-o", resumedPath])
            #expect(reseeded.status == 1)
            #expect(reseeded.errors.contains("was trained with --seed 3; resume with the same seed"), "\(reseeded)")
        }
    }

    @Test("early stopping: when the test loss stops improving for --patience epochs, training stops and says why")
    func earlyStopping() throws {
        try TemporaryFolder.with { folder in
            let files = try TrainFixtures.write(in: folder, invertedTestLabels: true)
            let output = folder.path("trained.safetensors")
            let result = try CNNC.run(["train", files.model] + files.dataArguments() + Self.options
                                      + ["--epochs", "20", "--patience", "2", "-o", output])
            #expect(result.status == 0, "\(result)")
            let lines = TrainFixtures.epochLines(result.output)
            #expect(lines.count < 20, "\(result)")
            #expect(result.output.contains("stopped early after epoch \(lines.count): the test loss has not improved for 2 epochs"),
                    "\(result)")
            #expect(try WeightStore(contentsOf: output).metadata["cnnc.train.epochs"] == String(lines.count))
        }
    }
}
