import Foundation
import Testing

@Suite("cnnc init-weights")
struct InitWeightsTests {
    @Test("writes the file the model names, next to the model")
    func defaultOutput() throws {
        try TemporaryFolder.with { folder in
            try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("models"),
                                                    withIntermediateDirectories: true)
            try folder.write("models/tiny.ir", Models.tiny)
            let result = try CNNC.run(["init-weights", "models/tiny.ir"], in: folder.url)
            #expect(result.status == 0, "\(result)")
            #expect(result.output == "wrote models/tiny.safetensors: 4 tensors (10.73 KB), seed 0\n")
            #expect(FileManager.default.fileExists(atPath: folder.path("models/tiny.safetensors")))
        }
    }

    @Test("the same seed gives the same bytes; another seed other bytes")
    func seeds() throws {
        try TemporaryFolder.with { folder in
            let model = try folder.write("tiny.ir", Models.tiny)
            for (name, seed) in [("a", "7"), ("b", "7"), ("c", "8")] {
                let result = try CNNC.run(["init-weights", model, "--seed", seed, "-o", folder.path("\(name).safetensors")])
                #expect(result.status == 0, "\(result)")
            }
            let contents = try ["a", "b", "c"].map { try Data(contentsOf: URL(fileURLWithPath: folder.path("\($0).safetensors"))) }
            #expect(contents[0] == contents[1])
            #expect(contents[0] != contents[2])
        }
    }

    @Test("a model that names no weights file needs -o")
    func noNamedFile() throws {
        try TemporaryFolder.with { folder in
            let model = try folder.write("tiny.ir", Models.tiny.replacingOccurrences(of: "  weights \"tiny.safetensors\"\n", with: ""))
            let result = try CNNC.run(["init-weights", model])
            #expect(result.status == 1, "\(result)")
            #expect(result.errors.contains("-o FILE"))
        }
    }

    @Test("parameters with unbound dimensions are reported; --set fixes them")
    func unboundParameters() throws {
        try TemporaryFolder.with { folder in
            let model = try folder.write("shift.ir", """
                graph @shift(%x: f32[N,C]) -> f32[N,C] {
                  %s = param f32[C]
                  %0 = add %x, %s : f32[N,C]
                  return %0
                }
                """)
            let output = folder.path("shift.safetensors")
            let unbound = try CNNC.run(["init-weights", model, "-o", output])
            #expect(unbound.status == 1, "\(unbound)")
            #expect(unbound.errorLines.count == 1, "\(unbound)")
            #expect(unbound.errors.contains("%s"))
            let bound = try CNNC.run(["init-weights", model, "--set", "C=3", "-o", output])
            #expect(bound.status == 0, "\(bound)")
            #expect(bound.output.hasPrefix("wrote \(output): 1 tensor (12 B)"))
        }
    }
}
