import Foundation
import Testing

@Suite("cnnc bench --train")
struct TrainBenchTests {
    /// The tiny model (conv 3→4 3x3, relu, flatten, gemm 256→10, batch N) trained at batch 4.
    static let arguments = ["--train", "--batch", "4", "--optimizer", "momentum", "--lr", "0.1", "--iterations", "2",
                            "--warmup", "1", "--threads", "1"]

    @Test("prints the training settings, the loss, images per second and the step's layers")
    func table() throws {
        try TemporaryFolder.with { folder in
            let model = try folder.write("tiny.ir", Models.batched)
            let result = try CNNC.run(["bench", model] + Self.arguments)
            #expect(result.status == 0, "\(result)")
            #expect(result.errors.isEmpty, "\(result)")
            let sections = result.output.components(separatedBy: "\n\n")
            try #require(sections.count == 3, "\(result)")
            let facts = sections[0].split(separator: "\n").map(String.init)
            #expect(facts.map { $0.prefix { $0 != " " } }
                    == ["model", "backend", "weights", "training", "runs", "latency", "throughput", "memory"], "\(result)")
            #expect(facts[0].hasSuffix("(@tiny_train)"))
            #expect(facts[3].hasPrefix("training    batch 4, momentum, lr 0.1, softmax_cross_entropy; loss "))
            #expect(facts[4] == "runs        1 warm-up, 2 timed, 2 profiled")
            let throughput = try #require(facts[6].split(separator: " ").dropFirst().first.flatMap { Double($0) }, "\(facts[6])")
            #expect(throughput > 0 && facts[6].hasSuffix(" images/s (4 per median step)"), "\(facts[6])")

            // The step's layers: forward, the loss, the gradients and the updates of the four parameters.
            let layers = sections[1].split(separator: "\n").dropFirst().map { $0.split(separator: " ").map(String.init) }
            let ops = Set(layers.map { $0[1] })
            #expect(ops.isSuperset(of: ["conv", "gemm", "softmax_cross_entropy", "softmax_cross_entropy_grad", "activation_grad",
                                        "conv_weight_grad", "momentum_update"]), "\(ops)")
            #expect(layers.filter { $0[1] == "momentum_update" }.count == 4)
            #expect(layers.first { $0[1] == "conv_weight_grad" }?[3] == "f32[4,3,3,3]")
            #expect(layers.first { $0[1] == "conv" }?[3] == "f32[4,4,8,8]")
        }
    }

    @Test("--json adds the training figures: batch, images per second, losses of the steps, memory")
    func json() throws {
        try TemporaryFolder.with { folder in
            let model = try folder.write("tiny.ir", Models.batched)
            let result = try CNNC.run(["bench", model, "--json"] + Self.arguments)
            #expect(result.status == 0, "\(result)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
            #expect(object["graph"] as? String == "tiny_train")
            #expect(object["iterations"] as? Int == 2)
            let training = try #require(object["training"] as? [String: Any])
            #expect(Set(training.keys) == ["batch_size", "optimizer", "loss", "learning_rate", "images_per_second", "first_loss",
                                           "last_loss", "arena_bytes", "naive_bytes"])
            #expect(training["batch_size"] as? Int == 4)
            #expect(training["optimizer"] as? String == "momentum")
            #expect(training["learning_rate"] as? Double == 0.1)
            let median = try #require((object["latency"] as? [String: Double])?["median_ms"])
            let imagesPerSecond = try #require(training["images_per_second"] as? Double)
            #expect(abs(imagesPerSecond - 4 / median * 1e3) <= 1, "\(imagesPerSecond) images/s at \(median) ms per step of 4")
            // Three steps on one batch (one warm-up, two timed) at lr 0.1: the loss falls.
            let first = try #require(training["first_loss"] as? Double), last = try #require(training["last_loss"] as? Double)
            #expect(first > 0 && last > 0 && last < first, "loss \(first) → \(last)")
            let arena = try #require(training["arena_bytes"] as? Int), naive = try #require(training["naive_bytes"] as? Int)
            // At least the conv's output [4,4,8,8] in f32 lives in the arena.
            #expect(arena >= 4 * 4 * 8 * 8 * 4 && arena <= naive, "arena \(arena), naive \(naive)")
        }
    }

    @Test("training options need --train; --train needs a model, not a compiled plan", arguments: [
        (["--batch", "4"], Int32(2), "error: --batch applies with --train"),
        (["--optimizer", "adam"], Int32(2), "error: --optimizer applies with --train"),
        (["--train", "--optimizer", "lbfgs"], Int32(2), "error: --optimizer lbfgs: expected sgd, momentum"),
        (["--train", "--batch", "0"], Int32(2), "error: --batch 0"),
    ])
    func problems(arguments: [String], status: Int32, message: String) throws {
        try TemporaryFolder.with { folder in
            let model = try folder.write("tiny.ir", Models.batched)
            let result = try CNNC.run(["bench", model, "--iterations", "1"] + arguments)
            #expect(result.status == status, "\(result)")
            #expect(result.errorLines.first?.contains(message) == true, "\(result)")
        }
    }

    @Test("a compiled plan cannot be trained")
    func plan() throws {
        try TemporaryFolder.with { folder in
            let model = try folder.write("tiny.ir", Models.tiny)
            let compiled = try CNNC.run(["compile", model, "-o", "tiny.plan"], in: folder.url)
            try #require(compiled.status == 0, "\(compiled)")
            let result = try CNNC.run(["bench", "tiny.plan", "--train", "--iterations", "1"], in: folder.url)
            #expect(result.status == 1, "\(result)")
            #expect(result.errors.contains("tiny.plan is a compiled plan; --train builds the training step from the model itself"),
                    "\(result)")
        }
    }
}
