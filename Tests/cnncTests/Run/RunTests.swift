import CNNIR
import CNNRuntime
import Foundation
import Testing

@Suite("cnnc run")
struct RunTests {
    @Test("--random-input writes every output as .npy; the reference kernels agree within 1e-4")
    func randomInput() throws {
        try TemporaryFolder.with { folder in
            let weights = try RunFixtures.weights(for: RunFixtures.lenet5, in: folder)
            let fast = try CNNC.run(["run", RunFixtures.lenet5, "--weights", weights, "--random-input", "3",
                                     "--output-dir", folder.path("fast/nested")])
            #expect(fast.status == 0, "\(fast)")
            let lines = fast.output.split(separator: "\n")
            #expect(lines.count == 1, "\(fast)")
            #expect(fast.output.hasPrefix("%fc3: f32[1,10] -> \(folder.path("fast/nested/fc3.npy"))  min "), "\(fast)")
            #expect(fast.output.contains(" argmax "), "\(fast)")
            let reference = try CNNC.run(["run", RunFixtures.lenet5, "--weights", weights, "--random-input", "3",
                                          "--output-dir", folder.path("reference"), "--reference", "--threads", "1"])
            #expect(reference.status == 0, "\(reference)")
            let fastOutput = try Npy.read(contentsOf: folder.path("fast/nested/fc3.npy"))
            let referenceOutput = try Npy.read(contentsOf: folder.path("reference/fc3.npy"))
            #expect(fastOutput.type == TensorType(.f32, [1, 10]))
            #expect(referenceOutput.scalars.contains { $0 != 0 })
            #expect(RunFixtures.relativeDistance(fastOutput, referenceOutput) < 1e-4)
        }
    }

    @Test("the seed decides the random inputs: the same seed, the same outputs; another seed, others")
    func seeds() throws {
        try TemporaryFolder.with { folder in
            let weights = try RunFixtures.weights(for: RunFixtures.lenet5, in: folder)
            let outputs = try ["1", "1", "2"].enumerated().map { index, seed in
                let result = try CNNC.run(["run", RunFixtures.lenet5, "--weights", weights, "--random-input", seed,
                                           "--output-dir", folder.path("run\(index)")])
                #expect(result.status == 0, "\(result)")
                return try Npy.read(contentsOf: folder.path("run\(index)/fc3.npy"))
            }
            #expect(outputs[0] == outputs[1])
            #expect(outputs[0] != outputs[2])
        }
    }

    @Test("--input reads a .npy file (f32, or f64 converted) and the outputs are what the reference executor computes")
    func inputFile() throws {
        try TemporaryFolder.with { folder in
            let weights = try RunFixtures.weights(for: RunFixtures.lenet5, in: folder, seed: 5)
            let image = try Tensor.random(shape: [1, 1, 28, 28], distribution: .uniform(0...1), seed: 11)
            try Npy.write(image, to: folder.path("image.npy"))
            try Npy.write(try image.converted(to: .f64), to: folder.path("image64.npy"))
            let graph = try Graph.parse(file: RunFixtures.lenet5)
            let parameters = try WeightStore(contentsOf: weights).bind(to: graph).mapValues { try Tensor($0) }
            let expected = try #require(try ReferenceExecutor.run(graph, inputs: ["x": image], parameters: parameters)["fc3"])
            for file in ["image.npy", "image64.npy"] {
                let result = try CNNC.run(["run", RunFixtures.lenet5, "--weights", weights, "--input", "x=\(file)"], in: folder.url)
                #expect(result.status == 0, "\(result)")
                #expect(result.output.hasPrefix("%fc3: f32[1,10] -> ./fc3.npy  "), "\(result)")
                let output = try Npy.read(contentsOf: folder.path("fc3.npy"))
                #expect(RunFixtures.relativeDistance(output, expected) < 1e-5, "\(file)")
            }
        }
    }

    @Test("a named batch dimension takes its size from the input file, or from --set for random inputs")
    func namedDimension() throws {
        try TemporaryFolder.with { folder in
            let model = try folder.write("tiny.ir", Models.batched)
            try #require(try CNNC.run(["init-weights", model, "--set", "N=1"]).status == 0)
            try Npy.write(try Tensor.random(shape: [2, 3, 8, 8], seed: 1), to: folder.path("batch.npy"))
            let fromFile = try CNNC.run(["run", model, "--input", "x=batch.npy"], in: folder.url)
            #expect(fromFile.status == 0, "\(fromFile)")
            #expect(fromFile.output.hasPrefix("%3: f32[2,10] -> ./3.npy  "), "\(fromFile)")
            #expect(try Npy.read(contentsOf: folder.path("3.npy")).shape == [2, 10])

            let unbound = try CNNC.run(["run", model, "--random-input", "1"], in: folder.url)
            #expect(unbound.status == 1, "\(unbound)")
            #expect(unbound.errorLines.count == 1 && unbound.errors.contains("--set N=SIZE"), "\(unbound)")
            let bound = try CNNC.run(["run", model, "--random-input", "1", "--set", "N=3"], in: folder.url)
            #expect(bound.status == 0, "\(bound)")
            #expect(try Npy.read(contentsOf: folder.path("3.npy")).shape == [3, 10])
        }
    }

    @Test("random i64 labels are class indices in [0, C), C read from the loss's scores")
    func randomLabels() throws {
        try TemporaryFolder.with { folder in
            let model = try folder.write("loss.ir", """
                graph @loss(%scores: f32[64,5], %labels: i64[64]) -> (f32[], i64[64]) {
                  %loss = softmax_cross_entropy %scores, %labels : f32[]
                  return %loss, %labels
                }
                """)
            let result = try CNNC.run(["run", model, "--random-input", "9"], in: folder.url)
            #expect(result.status == 0, "\(result)")
            #expect(result.output.hasPrefix("%loss: f32[] -> ./loss.npy  value "), "\(result)")
            let labels = try Npy.read(contentsOf: folder.path("labels.npy")).elements(as: Int64.self)
            #expect(labels.allSatisfy { (0..<5).contains($0) })
            #expect(Set(labels).count == 5)
            let loss = try Npy.read(contentsOf: folder.path("loss.npy"))
            #expect(loss.scalars.allSatisfy { $0.isFinite && $0 > 0 })
        }
    }

    @Test("run and bench have help")
    func help() throws {
        for (name, options) in [("run", ["--input NAME=FILE.npy", "--random-input SEED", "--output-dir DIR", "--reference",
                                         "--threads T", "--set NAME=SIZE", "--weights FILE"]),
                                ("bench", ["--iterations N", "--warmup W", "--threads T", "--reference", "--json",
                                           "--set NAME=SIZE", "--weights FILE"])] {
            let result = try CNNC.run(["help", name])
            #expect(result.status == 0, "\(result)")
            #expect(result.output.hasPrefix("cnnc \(name): "))
            for option in options { #expect(result.output.contains(option), "help of \(name) misses \(option)") }
            let overview = try CNNC.run(["help"])
            #expect(overview.output.contains("\n  \(name) "))
        }
    }
}
