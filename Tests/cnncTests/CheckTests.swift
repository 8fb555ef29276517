import Foundation
import Testing

@Suite("cnnc check")
struct CheckTests {
    /// The value of the summary line labelled `label`.
    func line(_ label: String, in output: String) -> String? {
        output.split(separator: "\n").first { $0.hasPrefix(label + " ") }
            .map { $0.dropFirst(label.count).trimmingCharacters(in: .whitespaces) }
    }

    @Test("a valid model gets a summary with types, op counts, parameters and MACs")
    func summary() throws {
        try TemporaryFolder.with { folder in
            let model = try folder.write("tiny.ir", Models.tiny)
            let result = try CNNC.run(["check", model])
            #expect(result.status == 0, "\(result)")
            #expect(result.errors.isEmpty)
            #expect(line("graph", in: result.output) == "@tiny (\(model)), verified")
            #expect(line("inputs", in: result.output) == "%x: f32[1,3,8,8]")
            #expect(line("outputs", in: result.output) == "%3: f32[1,10]")
            #expect(line("nodes", in: result.output) == "4: conv 1, flatten 1, gemm 1, relu 1")
            #expect(line("parameters", in: result.output) == "2682 (2.68 K) in 4 tensors")
            #expect(line("MACs", in: result.output) == "9472 (9.47 K)")
            let weights = try #require(line("weights", in: result.output))
            #expect(weights.contains(folder.path("tiny.safetensors") + " not found"))
            #expect(weights.contains("cnnc init-weights \(model)"))
        }
    }

    @Test("a model without parameters needs no weights")
    func parameterFree() throws {
        try TemporaryFolder.with { folder in
            let result = try CNNC.run(["check", try folder.write("relu.ir", Models.parameterFree)])
            #expect(result.status == 0, "\(result)")
            #expect(line("parameters", in: result.output) == "0 in 0 tensors")
            #expect(line("MACs", in: result.output) == "0")
            #expect(line("weights", in: result.output)?.hasPrefix("none needed") == true)
        }
    }

    @Test("--set binds a named dimension; unbound, figures are per unit of it")
    func binding() throws {
        try TemporaryFolder.with { folder in
            let model = try folder.write("batched.ir", Models.batched)
            let unbound = try CNNC.run(["check", model])
            #expect(unbound.status == 0, "\(unbound)")
            #expect(line("inputs", in: unbound.output) == "%x: f32[N,3,8,8]")
            #expect(line("MACs", in: unbound.output) == "9472 (9.47 K) per unit of N (bind with --set N=SIZE)")

            for arguments in [["--set", "N=2"], ["--set=N=2"]] {
                let bound = try CNNC.run(["check", model] + arguments)
                #expect(bound.status == 0, "\(bound)")
                #expect(line("inputs", in: bound.output) == "%x: f32[2,3,8,8]")
                #expect(line("outputs", in: bound.output) == "%3: f32[2,10]")
                #expect(line("MACs", in: bound.output) == "18944 (18.94 K)")
            }

            let unknown = try CNNC.run(["check", model, "--set", "M=2"])
            #expect(unknown.status == 1)
            #expect(unknown.errorLines == ["error: --set M=2: \(model) has no named dimension M; it has N"])
        }
    }

    @Test("a missing model file is a user error")
    func missingFile() throws {
        try TemporaryFolder.with { folder in
            let result = try CNNC.run(["check", folder.path("absent.ir")])
            #expect(result.status == 1)
            #expect(result.output.isEmpty)
            #expect(result.errorLines.count == 1)
            #expect(result.errors.contains(folder.path("absent.ir")))
        }
    }

    @Test("a parse error is reported at file:line:column")
    func parseError() throws {
        try TemporaryFolder.with { folder in
            let model = try folder.write("typo.ir", Models.misspelledOp)
            let result = try CNNC.run(["check", model])
            #expect(result.status == 1)
            #expect(result.output.isEmpty)
            #expect(result.errorLines.count == 1, "\(result)")
            #expect(result.errors.hasPrefix("\(model):8:8: error: "), "\(result)")
            #expect(result.errors.contains("rleu"))
        }
    }

    @Test("every verification error is reported, one line each, with its node")
    func verificationErrors() throws {
        try TemporaryFolder.with { folder in
            let model = try folder.write("wrong.ir", Models.wrongTypes)
            let result = try CNNC.run(["check", model])
            #expect(result.status == 1)
            #expect(result.output.isEmpty)
            let lines = result.errorLines
            #expect(lines.count == 2, "\(result)")
            #expect(lines.first?.hasPrefix("\(model):7:") == true && lines.first?.contains("node %0 (conv)") == true)
            #expect(lines.last?.hasPrefix("\(model):9:") == true && lines.last?.contains("node %2 (flatten)") == true)
        }
    }

    @Test("files that are not IR text never crash cnnc", arguments: [Data(), Data([0xFF, 0xFE, 0x00, 0x01]),
                                                                     Data("graph @g(%x: f32[1]) {".utf8)])
    func garbage(contents: Data) throws {
        try TemporaryFolder.with { folder in
            let result = try CNNC.run(["check", try folder.write("garbage.ir", contents)])
            #expect(result.status == 1, "\(result)")
            #expect(result.errorLines.count == 1, "\(result)")
        }
    }

    @Test("a folder given as the model is a user error")
    func folderAsModel() throws {
        try TemporaryFolder.with { folder in
            let result = try CNNC.run(["check", folder.url.path])
            #expect(result.status == 1, "\(result)")
            #expect(result.errorLines.count == 1)
        }
    }
}
