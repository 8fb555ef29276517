import Foundation
import Testing

@Suite("cnnc bench")
struct BenchTests {
    /// LeNet-5's nodes with their multiply-accumulates (conv: outputs × C_in·k·k; gemm: M·N·K).
    static let lenet5Layers: [String: Int] = [
        "conv1": 6 * 28 * 28 * 25, "conv1.relu": 0, "maxpool1": 0, "conv2": 16 * 10 * 10 * 150, "conv2.relu": 0,
        "maxpool2": 0, "flatten1": 0, "fc1": 120 * 400, "fc1.relu": 0, "fc2": 84 * 120, "fc2.relu": 0, "fc3": 10 * 84,
    ]

    // These tests time the model as written (-O0), node by node; TraceTests covers -O2.
    @Test("prints the settings, the latency, every layer slowest first, and the time by op")
    func table() throws {
        try TemporaryFolder.with { folder in
            try folder.write("lenet5.ir", try String(contentsOfFile: RunFixtures.lenet5, encoding: .utf8))
            let result = try CNNC.run(["bench", "lenet5.ir", "-O0", "--iterations", "3", "--warmup", "1", "--threads", "1"],
                                     in: folder.url)
            #expect(result.status == 0, "\(result)")
            #expect(result.errors.isEmpty, "\(result)")
            let sections = result.output.components(separatedBy: "\n\n")
            try #require(sections.count == 3, "\(result)")
            let facts = sections[0].split(separator: "\n")
            #expect(facts.map { $0.prefix { $0 != " " } } == ["model", "backend", "weights", "runs", "latency"], "\(result)")
            #expect(facts[1] == "backend  fast kernels, 1 thread")
            #expect(facts[2] == "weights  seeded initial values (seed 0): lenet5.safetensors not found")
            #expect(facts[3] == "runs     1 warm-up, 3 timed, 3 profiled")
            #expect(facts[4].hasPrefix("latency  median "))

            let layers = sections[1].split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
            #expect(layers.first == ["node", "op", "kernel", "output", "ms", "share", "GFLOP/s"])
            #expect(Set(layers.dropFirst().map { $0[0] }) == Set(Self.lenet5Layers.keys))
            let times = layers.dropFirst().compactMap { Double($0[4]) }
            #expect(times.count == Self.lenet5Layers.count && times == times.sorted(by: >), "\(result)")
            for row in layers.dropFirst() {
                #expect((row.last == "-") == (Self.lenet5Layers[row[0]] == 0), "\(row)")
            }

            let ops = sections[2].split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
            #expect(ops.first == ["op", "count", "ms", "share"])
            let counts = Dictionary(uniqueKeysWithValues: ops.dropFirst().map { ($0[0], Int($0[1]) ?? 0) })
            #expect(counts == ["conv": 2, "relu": 4, "max_pool": 2, "flatten": 1, "gemm": 3])
        }
    }

    @Test("--json prints one object with the same figures")
    func json() throws {
        try TemporaryFolder.with { folder in
            let weights = try RunFixtures.weights(for: RunFixtures.lenet5, in: folder)
            let result = try CNNC.run(["bench", RunFixtures.lenet5, "-O0", "--iterations", "3", "--json", "--weights", weights,
                                       "--reference"])
            #expect(result.status == 0, "\(result)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
            #expect(Set(object.keys) == ["model", "graph", "backend", "threads", "weights", "iterations", "warmup", "latency",
                                         "layers_total_ms", "layers", "by_op"])
            #expect(object["model"] as? String == RunFixtures.lenet5)
            #expect(object["backend"] as? String == "reference")
            #expect(object["weights"] as? String == weights)
            #expect(object["iterations"] as? Int == 3)
            #expect((object["threads"] as? Int ?? 0) >= 1)
            let latency = try #require(object["latency"] as? [String: Double])
            let median = try #require(latency["median_ms"]), minimum = try #require(latency["min_ms"])
            #expect(minimum > 0 && minimum <= median)

            let layers = try #require(object["layers"] as? [[String: Any]])
            #expect(layers.count == Self.lenet5Layers.count)
            for layer in layers {
                #expect(Set(layer.keys) == ["node", "op", "kernel", "output", "median_ms", "share_percent", "macs", "gflops"])
                let node = try #require(layer["node"] as? String)
                #expect(layer["macs"] as? Int == Self.lenet5Layers[node], "\(node)")
                // flatten is a view of its operand's bytes: no kernel runs it.
                #expect(layer["kernel"] as? String == (layer["op"] as? String == "flatten" ? "view" : "reference"), "\(node)")
                #expect((layer["gflops"] is NSNull) == (Self.lenet5Layers[node] == 0), "\(node)")
            }
            #expect(layers.first { $0["node"] as? String == "conv2" }?["output"] as? String == "f32[1,16,10,10]")
            let shares = layers.compactMap { $0["share_percent"] as? Double }
            #expect(abs(shares.reduce(0, +) - 100) < 0.5)

            let byOp = try #require(object["by_op"] as? [[String: Any]])
            #expect(Set(byOp.compactMap { $0["op"] as? String }) == ["conv", "relu", "max_pool", "flatten", "gemm"])
            #expect(byOp.compactMap { $0["count"] as? Int }.reduce(0, +) == Self.lenet5Layers.count)
            let totals = byOp.compactMap { $0["total_ms"] as? Double }
            #expect(totals == totals.sorted(by: >))
        }
    }

    @Test("bench's command-line and model problems", arguments: [
        (["--iterations", "0"], Int32(2), "error: --iterations 0: N must be an integer from 1 to 1000000"),
        (["--warmup", "-1"], Int32(2), "error: --warmup -1: W must be an integer from 0 to 1000000"),
        (["--input", "x=a.npy"], Int32(2), "error: unknown option '--input'"),
        (["--weights", "corrupt.safetensors"], Int32(1), "corrupt.safetensors"),
    ])
    func problems(arguments: [String], status: Int32, message: String) throws {
        try TemporaryFolder.with { folder in
            try folder.write("lenet5.ir", try String(contentsOfFile: RunFixtures.lenet5, encoding: .utf8))
            try folder.write("corrupt.safetensors", "not safetensors")
            let result = try CNNC.run(["bench", "lenet5.ir"] + arguments, in: folder.url)
            #expect(result.status == status, "\(result)")
            #expect(result.errorLines.first?.contains(message) == true, "\(result)")
        }
    }

    @Test("named dimensions must be bound for random inputs")
    func unboundDimension() throws {
        try TemporaryFolder.with { folder in
            let model = try folder.write("tiny.ir", Models.batched)
            let unbound = try CNNC.run(["bench", model, "--iterations", "1"])
            #expect(unbound.status == 1, "\(unbound)")
            #expect(unbound.errors.contains("bind with --set N=SIZE"), "\(unbound)")
            let bound = try CNNC.run(["bench", model, "--iterations", "1", "--set", "N=2", "--json"])
            #expect(bound.status == 0, "\(bound)")
            let object = try JSONSerialization.jsonObject(with: Data(bound.output.utf8)) as? [String: Any]
            let layers = object?["layers"] as? [[String: Any]]
            #expect(layers?.first { $0["node"] as? String == "3" }?["output"] as? String == "f32[2,10]")
        }
    }
}
