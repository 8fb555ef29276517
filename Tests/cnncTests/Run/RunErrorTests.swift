import CNNIR
import CNNRuntime
import Foundation
import Testing

/// Every problem `cnnc run` can meet gets one line naming it: exit 2 for the command line, 1 for
/// the model and its files.
@Suite("cnnc run errors")
struct RunErrorTests {
    @Test("malformed command lines are usage errors (exit 2)", arguments: [
        (["run"], "missing argument MODEL.ir"),
        (["run", "m.ir", "--input", "x"], "--input expects NAME=FILE.npy, found 'x'"),
        (["run", "m.ir", "--input", "x="], "--input expects NAME=FILE.npy, found 'x='"),
        (["run", "m.ir", "--input", "x=a.npy", "--input", "x=b.npy"], "--input gives the input x twice"),
        (["run", "m.ir", "--random-input", "seven"], "--random-input seven: SEED must be an integer"),
        (["run", "m.ir", "--threads", "0"], "--threads 0: T must be an integer from 1 to"),
        (["run", "m.ir", "--reference=yes"], "option --reference takes no value"),
    ])
    func usage(arguments: [String], message: String) throws {
        let result = try CNNC.run(arguments)
        #expect(result.status == 2, "\(result)")
        #expect(result.errorLines.count == 2, "\(result)")
        #expect(result.errorLines.first?.hasPrefix("error: \(message)") == true, "\(result)")
        #expect(result.errorLines.last == "see 'cnnc help run'")
    }

    @Test("problems with the model, its inputs and its weights (exit 1, one line)", arguments: [
        (["missing.ir", "--random-input", "1"], "cannot read IR file 'missing.ir'"),
        (["lenet5.ir", "--weights", "w.safetensors", "--input", "x=absent.npy"], "error: input %x: absent.npy: cannot read the file"),
        (["lenet5.ir", "--weights", "w.safetensors", "--input", "image=good.npy"],
         "error: --input image=good.npy: the model has no input %image; its inputs are %x"),
        (["lenet5.ir", "--weights", "w.safetensors", "--input", "x=small.npy"],
         "error: input %x expects f32[1,1,28,28], found f32[1,28,28] in small.npy"),
        (["lenet5.ir", "--weights", "w.safetensors", "--input", "x=corrupt.npy"],
         "error: input %x: corrupt.npy: not a NumPy .npy file"),
        (["lenet5.ir", "--weights", "w.safetensors"], "error: missing input %x of type f32[1,1,28,28]; give --input x=FILE.npy or --random-input SEED"),
        (["lenet5.ir", "--random-input", "1"], "error: weights file lenet5.safetensors not found; create it with 'cnnc init-weights lenet5.ir'"),
        (["lenet5.ir", "--random-input", "1", "--weights", "other.safetensors"],
         "error: weights file other.safetensors not found; create it with 'cnnc init-weights lenet5.ir -o other.safetensors'"),
        (["lenet5.ir", "--weights", "w.safetensors", "--random-input", "1", "--output-dir", "lenet5.ir"],
         "error: --output-dir lenet5.ir: a file of that name exists, not a folder"),
    ])
    func failure(arguments: [String], message: String) throws {
        try TemporaryFolder.with { folder in
            try folder.write("lenet5.ir", try String(contentsOfFile: RunFixtures.lenet5, encoding: .utf8))
            try #require(try CNNC.run(["init-weights", "lenet5.ir", "-o", "w.safetensors"], in: folder.url).status == 0)
            try Npy.write(try Tensor.zeros(shape: [1, 1, 28, 28]), to: folder.path("good.npy"))
            try Npy.write(try Tensor.zeros(shape: [1, 28, 28]), to: folder.path("small.npy"))
            try folder.write("corrupt.npy", "this is not an array")
            let result = try CNNC.run(["run"] + arguments, in: folder.url)
            #expect(result.status == 1, "\(result)")
            #expect(result.output.isEmpty, "\(result)")
            #expect(result.errorLines.count == 1, "\(result)")
            #expect(result.errors.contains(message), "\(result)")
        }
    }
}
