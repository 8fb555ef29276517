import CNNIR
import CNNRuntime
import Foundation
import Testing

@Suite("cnnc opt")
struct OptTests {
    /// pad → conv → batch_norm → identity → relu, with its weights in "block.safetensors".
    static let block = """
        graph @block(%x: f32[1,3,6,6]) -> f32[1,4,6,6] {
          weights "block.safetensors"
          %w = param f32[4,3,3,3]
          %g = param f32[4]
          %b = param f32[4]
          %m = param f32[4]
          %v = param f32[4]
          %0 = pad %x {pads = [0,0,1,1,0,0,1,1]} : f32[1,3,8,8]
          %1 = conv %0, %w : f32[1,4,6,6]
          %2 = batch_norm %1, %g, %b, %m, %v : f32[1,4,6,6]
          %3 = identity %2 : f32[1,4,6,6]
          %4 = relu %3 : f32[1,4,6,6]
          return %4
        }
        """

    /// Writes the block and seeded weights with batch-norm statistics far from the identity.
    static func writeBlock(in folder: TemporaryFolder) throws -> String {
        let model = try folder.write("block.ir", block)
        let graph = try Graph.parse(file: model)
        var store = try WeightInitializer.initialize(graph, seed: 4)
        for (name, values) in ["g": [0.5, 2.0, -1.0, 1.5], "b": [0.1, -0.2, 0.3, 0.0],
                               "m": [0.2, -0.1, 0.0, 0.4], "v": [0.5, 2.0, 1.0, 0.25]] {
            store[name] = try WeightTensor(dtype: .f32, shape: [4], converting: values)
        }
        try store.write(to: folder.path("block.safetensors"))
        return model
    }

    @Test("-o writes the optimized IR and its weights; the model computes the same")
    func writesModelAndWeights() throws {
        try TemporaryFolder.with { folder in
            let model = try Self.writeBlock(in: folder)
            let missingFolder = try CNNC.run(["opt", model, "-o", folder.path("out/opt.ir")])
            #expect(missingFolder.status == 1, "\(missingFolder)")
            try FileManager.default.createDirectory(atPath: folder.path("out"), withIntermediateDirectories: true)
            let written = try CNNC.run(["opt", model, "-o", folder.path("out/opt.ir")])
            #expect(written.status == 0, "\(written)")
            #expect(written.output == """
                wrote \(folder.path("out/opt.ir")): 1 node (was 5)
                wrote \(folder.path("out/opt.safetensors")): 2 tensors (448 B)

                """)
            let text = try String(contentsOfFile: folder.path("out/opt.ir"), encoding: .utf8)
            #expect(text.contains("  weights \"opt.safetensors\"\n"))
            #expect(text.contains("%4 = fused_conv %x, %w, %b {activation = \"relu\", algorithm = \"im2col\""))
            #expect(text.contains("pads = [1,1,1,1], sources = \"1,4\"} : f32[1,4,6,6]"))
            #expect(!text.contains("batch_norm") && !text.contains("identity") && !text.contains("= pad"))
            for (name, path) in [("before", model), ("after", folder.path("out/opt.ir"))] {
                let run = try CNNC.run(["run", path, "--random-input", "7", "--output-dir", folder.path(name)])
                #expect(run.status == 0, "\(run)")
            }
            let before = try Npy.read(contentsOf: folder.path("before/4.npy"))
            let after = try Npy.read(contentsOf: folder.path("after/4.npy"))
            #expect(before.scalars.contains { $0 != 0 })
            #expect(RunFixtures.relativeDistance(after, before) < 1e-5)
        }
    }

    @Test("without -o the IR is printed; without weights the batch_norm stays and a note says why")
    func printsWithoutWeights() throws {
        try TemporaryFolder.with { folder in
            let model = try folder.write("block.ir", Self.block)
            let result = try CNNC.run(["opt", model])
            #expect(result.status == 0, "\(result)")
            #expect(result.output.hasPrefix("graph @block("))
            #expect(result.output.contains("%2 = batch_norm %1, %g, %b, %m, %v"))
            #expect(result.output.contains("%4 = relu %2"))
            #expect(result.errors == "note: no weights (\(folder.path("block.safetensors")) does not exist); passes that need parameter values leave their nodes alone\n")
        }
    }

    @Test("-O0 only verifies: the output is the printed model")
    func levelZero() throws {
        try TemporaryFolder.with { folder in
            let model = try folder.write("block.ir", Self.block)
            let optimized = try CNNC.run(["opt", model, "-O0"])
            let printed = try CNNC.run(["print", model])
            #expect(optimized.status == 0, "\(optimized)")
            #expect(optimized.output == printed.output)
        }
    }

    @Test("--passes runs the named passes; --print-after-all and --time-passes report on stderr")
    func namedPassesWithDumpsAndTimes() throws {
        try TemporaryFolder.with { folder in
            let model = try Self.writeBlock(in: folder)
            let result = try CNNC.run(["opt", model, "--passes", "canonicalize,fold-pad", "--print-after-all",
                                       "--time-passes", "--verify-each"])
            #expect(result.status == 0, "\(result)")
            #expect(result.output.contains("batch_norm"))
            #expect(!result.output.contains("identity"))
            #expect(result.errors.components(separatedBy: "// *** IR after ").count == 3)
            #expect(result.errors.contains("// *** IR after fold-pad ***\ngraph @block"))
            #expect(result.errors.contains("pass timing (total "))
            #expect(result.errors.contains("  canonicalize\n"))
            #expect(result.errors.contains("note: the passes rewrote the weights") == false)
        }
    }

    @Test("--print-after prints after one pass only")
    func printAfterOnePass() throws {
        try TemporaryFolder.with { folder in
            let model = try Self.writeBlock(in: folder)
            let result = try CNNC.run(["opt", model, "--print-after", "fold-batchnorm"])
            #expect(result.status == 0, "\(result)")
            #expect(result.errors.components(separatedBy: "// *** IR after ").count == 2)
            #expect(result.errors.hasPrefix("// *** IR after fold-batchnorm ***\n"))
            #expect(result.errors.hasSuffix("note: the passes rewrote the weights; give -o OUT.ir to write them beside the IR\n"))
        }
    }

    @Test("pipeline mistakes are usage errors", arguments: [
        (["--passes", "cannonicalize"], "error: unknown pass 'cannonicalize'; known passes: canonicalize, constant-fold, dce, cse, fold-batchnorm, fold-pad, fuse-residual-add, fuse-activation, select-kernels, differentiate"),
        (["--passes", "dce", "-O", "2"], "error: give either --passes or -O, not both"),
        (["-O3"], "error: unknown optimization level '3'; the levels are 0, 2"),
        (["--passes", "dce,,cse"], "error: the pass list 'dce,,cse' has an empty name; write names separated by single commas, such as canonicalize,dce"),
        (["--passes", "dce", "--print-after", "cse"], "error: cannot print after pass 'cse': the pipeline (dce) does not run it"),
    ])
    func pipelineMistakes(_ options: [String], _ message: String) throws {
        try TemporaryFolder.with { folder in
            let model = try folder.write("block.ir", Self.block)
            let result = try CNNC.run(["opt", model] + options)
            #expect(result.status == 2, "\(result)")
            #expect(result.errorLines.first == message, "\(result)")
        }
    }

    @Test("an invalid model is reported with its location")
    func invalidModel() throws {
        try TemporaryFolder.with { folder in
            let model = try folder.write("block.ir", Self.block.replacingOccurrences(of: "%3 = identity %2 : f32[1,4,6,6]", with: "%3 = identity %2 : f32[1,4,6,7]"))
            let result = try CNNC.run(["opt", model])
            #expect(result.status == 1, "\(result)")
            #expect(result.errorLines.first == "\(model):11:3: error: node %3 (identity): declared f32[1,4,6,7], inferred f32[1,4,6,6]", "\(result)")
        }
    }
}
