import CNNIR
import CNNRuntime
import Foundation
import Testing

/// `cnnc train` refuses bad files and bad command lines with one clear line and a non-zero exit.
@Suite("cnnc train errors")
struct TrainErrorTests {
    /// Runs `cnnc train` on the fixtures with `extra` arguments (after the data and -o).
    static func train(_ files: TrainFixtures.Files, in folder: TemporaryFolder, _ extra: [String] = [],
                      test: Bool = true) throws -> CommandResult {
        try CNNC.run(["train", files.model] + files.dataArguments(test: test) + ["-o", folder.path("out.safetensors")] + extra)
    }

    @Test("problems with the data files are exit 1 with a message naming the file and what is wrong")
    func badFiles() throws {
        try TemporaryFolder.with { folder in
            let files = try TrainFixtures.write(in: folder)
            func expectFailure(_ result: CommandResult, _ message: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
                #expect(result.status == 1, "\(result)", sourceLocation: sourceLocation)
                #expect(result.errors.contains(message), "\(result)", sourceLocation: sourceLocation)
                #expect(!FileManager.default.fileExists(atPath: folder.path("out.safetensors")), sourceLocation: sourceLocation)
            }
            var missing = files
            missing.trainImages = folder.path("absent.npy")
            expectFailure(try Self.train(missing, in: folder), "\(missing.trainImages): cannot read the file")

            try Npy.write(try Tensor(shape: [63], elements: [Int64](repeating: 0, count: 63)), to: folder.path("short.npy"))
            var mismatched = files
            mismatched.trainLabels = folder.path("short.npy")
            expectFailure(try Self.train(mismatched, in: folder), "there are 64 images but 63 labels; each image needs one label")

            try Npy.write(try Tensor(shape: [24], elements: (0..<24).map { Int64($0 % 3) }), to: folder.path("three.npy"))
            var badLabels = files
            badLabels.testLabels = folder.path("three.npy")
            expectFailure(try Self.train(badLabels, in: folder),
                          "label 2 of sample 2 is out of range: the model has 2 classes, so labels must be 0 to 1")

            try Npy.write(try Tensor.zeros(shape: [64, 1, 5, 5]), to: folder.path("big.npy"))
            var wrongShape = files
            wrongShape.trainImages = folder.path("big.npy")
            expectFailure(try Self.train(wrongShape, in: folder),
                          "\(wrongShape.trainImages): each sample is [1,5,5] (64 samples), but the model's input %x takes samples of [1,4,4]")

            try Data("not numpy".utf8).write(to: URL(fileURLWithPath: folder.path("text.npy")))
            var garbage = files
            garbage.testImages = folder.path("text.npy")
            expectFailure(try Self.train(garbage, in: folder), "not a NumPy .npy file")

            expectFailure(try Self.train(files, in: folder, ["--batch", "65"]),
                          "the training data hold 64 images, fewer than one batch of 65; use a smaller --batch")

            try Data("junk".utf8).write(to: URL(fileURLWithPath: folder.path("junk.ckpt")))
            let junk = try Self.train(files, in: folder, ["--resume", folder.path("junk.ckpt")])
            #expect(junk.status == 1, "\(junk)")
            #expect(junk.errors.hasPrefix(folder.path("junk.ckpt")), "\(junk)")

            let weights = try CNNC.run(["init-weights", files.model, "-o", folder.path("w.safetensors")])
            #expect(weights.status == 0)
            let notCheckpoint = try Self.train(files, in: folder, ["--resume", folder.path("w.safetensors")])
            #expect(notCheckpoint.status == 1)
            #expect(notCheckpoint.errors.contains("this is not a cnnc training checkpoint"), "\(notCheckpoint)")
        }
    }

    @Test("command-line mistakes are exit 2 with what to do", arguments: [
        (["--epochs", "0"], "--epochs 0: E must be an integer from 1 to 1000000"),
        (["--optimizer", "lion"], "--optimizer lion: expected sgd, momentum, nesterov, adam, adamw, rmsprop or adagrad"),
        (["--loss", "mse"], "--loss mse needs targets shaped like the output; cnnc train takes class labels (softmax_cross_entropy or hinge)"),
        (["--patience", "x"], "--patience x: P must be an integer from 1 to 1000000"),
    ])
    func usageErrors(extra: [String], message: String) throws {
        try TemporaryFolder.with { folder in
            let files = try TrainFixtures.write(in: folder)
            let result = try Self.train(files, in: folder, extra)
            #expect(result.status == 2, "\(result)")
            #expect(result.errorLines.first == "error: \(message)", "\(result)")
            #expect(result.errorLines.last == "see 'cnnc help train'")
        }
    }

    @Test("missing pieces of the command line are exit 2")
    func missingPieces() throws {
        try TemporaryFolder.with { folder in
            let files = try TrainFixtures.write(in: folder)
            let noOutput = try CNNC.run(["train", files.model] + files.dataArguments())
            #expect(noOutput.status == 2)
            #expect(noOutput.errorLines.first == "error: give the file for the trained weights with -o FILE")
            let noLabels = try CNNC.run(["train", files.model, "--train-data", files.trainImages, "-o", folder.path("o.safetensors")])
            #expect(noLabels.status == 2)
            #expect(noLabels.errorLines.first == "error: give the training data with --train-data X.npy and --train-labels Y.npy")
            let halfTest = try Self.train(files, in: folder, ["--test-data", files.testImages], test: false)
            #expect(halfTest.status == 2)
            #expect(halfTest.errorLines.first == "error: give --test-data and --test-labels together")
            let both = try Self.train(files, in: folder, ["--resume", "a.ckpt", "--weights", "w.safetensors"])
            #expect(both.status == 2)
            #expect(both.errorLines.first == "error: --resume continues from the checkpoint's parameters; leave out --weights")
            let patience = try Self.train(files, in: folder, ["--patience", "2"], test: false)
            #expect(patience.status == 2)
            #expect(patience.errorLines.first == "error: --patience stops on the test loss: give --test-data and --test-labels too")
        }
    }
}
