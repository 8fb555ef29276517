import Foundation
import Testing

@Suite("cnnc check with weights")
struct CheckWeightsTests {
    @Test("after init-weights, check binds every parameter")
    func initializedWeights() throws {
        try TemporaryFolder.with { folder in
            let model = try folder.write("tiny.ir", Models.tiny)
            let initialized = try CNNC.run(["init-weights", model])
            #expect(initialized.status == 0, "\(initialized)")
            let result = try CNNC.run(["check", model])
            #expect(result.status == 0, "\(result)")
            #expect(result.output.contains("\(folder.path("tiny.safetensors")): 4 tensors (10.73 KB), every parameter bound"))
        }
    }

    @Test("a weights file with a mis-shaped tensor is an error naming the tensor")
    func misshapedTensor() throws {
        try TemporaryFolder.with { folder in
            let model = try folder.write("tiny.ir", Models.tiny)
            let transposed = try folder.write("transposed.ir", Models.transposedDense)
            let weights = folder.path("transposed.safetensors")
            #expect(try CNNC.run(["init-weights", transposed, "-o", weights]).status == 0)

            let result = try CNNC.run(["check", model, "--weights", weights])
            #expect(result.status == 1, "\(result)")
            #expect(result.output.contains("\(weights) rejected: 1 problem"))
            #expect(result.errorLines.count == 1, "\(result)")
            #expect(result.errors.contains("%fc.w"))
            #expect(result.errors.contains("f32[10,256]") && result.errors.contains("f32[256,10]"))
        }
    }

    @Test("a missing --weights file is an error; a missing named file is only noted")
    func missingWeights() throws {
        try TemporaryFolder.with { folder in
            let model = try folder.write("tiny.ir", Models.tiny)
            let given = try CNNC.run(["check", model, "--weights", folder.path("absent.safetensors")])
            #expect(given.status == 1, "\(given)")
            #expect(given.errors.contains("absent.safetensors"))
            #expect(try CNNC.run(["check", model]).status == 0)
        }
    }

    @Test("a weights file that is not safetensors is an error, not a crash")
    func corruptWeights() throws {
        try TemporaryFolder.with { folder in
            let model = try folder.write("tiny.ir", Models.tiny)
            try folder.write("tiny.safetensors", Data([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F, 0x7B]))
            let result = try CNNC.run(["check", model])
            #expect(result.status == 1, "\(result)")
            #expect(result.errors.contains("tiny.safetensors"))
        }
    }
}
