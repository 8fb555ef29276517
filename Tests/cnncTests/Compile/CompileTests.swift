import CNNIR
import CNNRuntime
import Foundation
import Testing

@Suite("cnnc compile")
struct CompileTests {
    @Test("-o writes a plan that run and Model(contentsOfPlan:) execute like the source model")
    func planRunsLikeTheModel() throws {
        try TemporaryFolder.with { folder in
            let model = try OptTests.writeBlock(in: folder)
            let compiled = try CNNC.run(["compile", model, "-o", folder.path("block.plan")])
            #expect(compiled.status == 0, "\(compiled)")
            #expect(compiled.output.hasPrefix("wrote \(folder.path("block.plan")): "))
            let plan = try Model(contentsOfPlan: folder.path("block.plan"))
            #expect(!plan.graph.nodes.contains { $0.op == .batchNorm || $0.op == .pad })
            let original = try Model(contentsOf: model, options: ExecutionOptions(backend: .reference))
            let input = try Tensor.random(shape: [1, 3, 6, 6], seed: 9)
            let expected = try #require(try original.run(["x": input]).values.first)
            let actual = try #require(try plan.run(["x": input]).values.first)
            let error = zip(actual.scalars, expected.scalars).map { Double($0 - $1) * Double($0 - $1) }.reduce(0, +).squareRoot()
                / max(expected.scalars.map { Double($0 * $0) }.reduce(0, +).squareRoot(), 1e-30)
            // Folding BatchNorm rounds the scaled weights once more: far inside 1e-5.
            #expect(error <= 1e-5)
            let run = try CNNC.run(["run", folder.path("block.plan"), "--random-input", "1", "--output-dir", folder.path("out")])
            #expect(run.status == 0, "\(run)")
        }
    }

    @Test("--stats lists every layer with its kernel, the totals and the memory plan")
    func statistics() throws {
        try TemporaryFolder.with { folder in
            let model = try OptTests.writeBlock(in: folder)
            let result = try CNNC.run(["compile", model, "--stats"])
            #expect(result.status == 0, "\(result)")
            #expect(result.output.contains("fused_conv") || result.output.contains(" conv "))
            #expect(result.output.contains("MACs: "))
            #expect(result.output.contains("arena: "))
            #expect(result.output.contains("planner efficiency (peak live / arena): "))
        }
    }

    @Test("--dump dot writes both graphs, and Graphviz renders the file when installed")
    func dotDump() throws {
        try TemporaryFolder.with { folder in
            let model = try OptTests.writeBlock(in: folder)
            let result = try CNNC.run(["compile", model, "--dump", "dot", "-o", folder.path("block.dot")])
            #expect(result.status == 0, "\(result)")
            let text = try String(contentsOfFile: folder.path("block.dot"), encoding: .utf8)
            #expect(text.hasPrefix("digraph cnnc {"))
            #expect(text.contains("cluster_g0") && text.contains("cluster_g1"))
            #expect(text.contains("batch_norm"))
            let dot = "/usr/bin/dot"
            if FileManager.default.isExecutableFile(atPath: dot) {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: dot)
                process.arguments = ["-Tsvg", folder.path("block.dot"), "-o", folder.path("block.svg")]
                try process.run()
                process.waitUntilExit()
                #expect(process.terminationStatus == 0)
                #expect(FileManager.default.fileExists(atPath: folder.path("block.svg")))
            }
        }
    }

    @Test("--tune times the candidate kernels once and reuses the cache")
    func tuning() throws {
        try TemporaryFolder.with { folder in
            let model = try folder.write("pair.ir", """
                graph @pair(%x: f32[1,8,12,12]) -> f32[1,8,12,12] {
                  %w = param f32[8,8,3,3]
                  %d = param f32[8,1,3,3]
                  %0 = conv %x, %w {pads = [1,1,1,1]} : f32[1,8,12,12]
                  %1 = conv %0, %d {groups = 8, pads = [1,1,1,1]} : f32[1,8,12,12]
                  return %1
                }
                """)
            let cache = folder.path("cache/tuning.json")
            let first = try CNNC.run(["compile", model, "--tune", "--tune-cache", cache, "--threads", "1", "--stats"])
            #expect(first.status == 0, "\(first)")
            // im2col, winograd2x2 and winograd4x4 for the 3x3 conv; depthwise and im2col for the depthwise one.
            #expect(first.errors.contains("tuned: 5 kernel timings measured"), "\(first)")
            #expect(first.output.components(separatedBy: "fastest by tuned: ").count == 3, "\(first)")
            let entries = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: cache))) as? [String: Double]
            #expect(entries?.count == 5)
            #expect(entries?.values.allSatisfy { $0 > 0 } == true)
            let second = try CNNC.run(["compile", model, "--tune", "--tune-cache", cache, "--threads", "1", "--stats"])
            #expect(second.errors.contains("tuned: 0 kernel timings measured"), "\(second)")
            let stray = try CNNC.run(["compile", model, "--tune-cache", cache, "--stats"])
            #expect(stray.status == 2 && stray.errors.contains("--tune-cache applies with --tune"), "\(stray)")
            _ = try folder.write("broken.json", "[1, 2]")
            let broken = try CNNC.run(["compile", model, "--tune", "--tune-cache", folder.path("broken.json"), "--stats"])
            #expect(broken.status == 1 && broken.errors.contains("not a cnnc tuning cache"), "\(broken)")
        }
    }

    @Test("ResNet-18's dot file renders when Graphviz is installed, with its fused layers labelled")
    func resnet18Dot() throws {
        try TemporaryFolder.with { folder in
            let model = CNNC.packageRoot.appendingPathComponent("Examples/resnet18.ir").path
            let result = try CNNC.run(["compile", model, "--dump", "dot", "-o", folder.path("r.dot")])
            #expect(result.status == 0, "\(result)")
            let text = try String(contentsOfFile: folder.path("r.dot"), encoding: .utf8)
            #expect(text.contains("fused: layer1.0.conv2,layer1.0.add,layer1.0.relu"))
            #expect(text.contains("kernel: winograd4x4"))
            if FileManager.default.isExecutableFile(atPath: "/usr/bin/dot") {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/usr/bin/dot")
                process.arguments = ["-Tsvg", folder.path("r.dot"), "-o", folder.path("r.svg")]
                try process.run()
                process.waitUntilExit()
                #expect(process.terminationStatus == 0)
            }
        }
    }

    @Test("Bad requests are usage errors or diagnostics, not crashes")
    func badRequests() throws {
        try TemporaryFolder.with { folder in
            let model = try OptTests.writeBlock(in: folder)
            let nothing = try CNNC.run(["compile", model])
            #expect(nothing.status != 0 && nothing.errors.contains("nothing to do"))
            let format = try CNNC.run(["compile", model, "--dump", "svg", "-o", folder.path("x")])
            #expect(format.status != 0 && format.errors.contains("--dump takes dot"))
            let notPlan = try CNNC.run(["run", folder.path("block.safetensors.plan")])
            #expect(notPlan.status != 0)
            _ = try folder.write("fake.plan", "not a plan")
            let fake = try CNNC.run(["run", folder.path("fake.plan")])
            #expect(fake.status != 0 && fake.errors.contains("fake.plan"))
        }
    }
}
