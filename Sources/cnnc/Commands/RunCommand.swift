import CNNIR
import CNNRuntime
import Foundation

/// `cnnc run MODEL.ir --input NAME=FILE.npy... [--random-input SEED] [--output-dir DIR] …`:
/// runs a model once and writes every output as a `.npy` file.
struct RunCommand: Subcommand {
    /// `--input NAME=FILE.npy`: one input's value.
    static let input = OptionSpec.option(
        "input", value: "NAME=FILE.npy", repeatable: true,
        "the value of the input NAME, from a NumPy .npy file (or an ONNX TensorProto .pb file); repeat for several")
    /// `--random-input SEED`: seeded random values for the inputs without a file.
    static let randomInput = OptionSpec.option(
        "random-input", value: "SEED", "fill every input not given with --input with seeded random values (SEED 0 to 2^64-1)")
    /// `--output-format npy|pb`: the format of the output files.
    static let outputFormat = OptionSpec.option(
        "output-format", value: "npy|pb", "write the outputs as NumPy .npy files (the default) or ONNX TensorProto .pb files")
    /// `--output-dir DIR`: where the outputs go.
    static let outputFolder = OptionSpec.option(
        "output-dir", value: "DIR", "write DIR/NAME.npy for every output NAME (default: the current folder; created if missing)")

    let name = "run"
    let summary = "run a model on inputs from .npy files (or random ones) and write its outputs as .npy files"
    let signature = CommandSignature(positionals: [.model], options: [
        RunCommand.input, RunCommand.randomInput, RunCommand.outputFolder, RunCommand.outputFormat, ExecutionArguments.reference,
        ExecutionArguments.threads, .set, .inputShape, ExecutionArguments.weights,
    ] + PipelineArguments.selection)
    let discussion = [
        """
        The model is verified and prepared (kernels chosen, memory planned), then run once. Each
        input comes from --input NAME=FILE.npy: the array must have the input's shape, and another
        numeric dtype is converted to the input's (NumPy's default float64 becomes f32). A named
        dimension such as a batch N takes its size from the files (or from --set). With
        --random-input SEED, every input without a file gets seeded random values: floats uniform
        in [-1, 1]; i64 labels of softmax_cross_entropy or hinge class indices uniform in [0, C),
        C read from the scores they are compared with; other i64 inputs zeros.
        """,
        """
        MODEL may be an ONNX file (.onnx), imported in memory (see 'cnnc import'); its weights are
        its initializers, and --input-shape NAME=1x3x224x224 fixes the symbolic dimensions of an
        input. Inputs may then also be ONNX TensorProto files (--input NAME=FILE.pb, the form of
        ONNX test data), and --output-format pb writes every output as DIR/NAME.pb.
        """,
        """
        The parameters come from the file the model names (weights "…", relative to the model's
        folder) or from --weights FILE; 'cnnc init-weights' creates one. Every output NAME is
        written to DIR/NAME.npy (characters other than letters, digits, '_', '.' and '-' become
        '_'), and one line per output gives its type, file, minimum, maximum and mean, and the
        argmax of a [1,K] output.
        """,
        """
        examples:
          cnnc run Examples/lenet5.ir --input x=digit.npy
          cnnc run Examples/lenet5.ir --random-input 1 --output-dir out
          cnnc run model.ir --input x=batch.npy --reference --threads 1
          cnnc run model.onnx --input input=input_0.pb --output-format pb
        """,
    ]

    func run(_ arguments: ParsedArguments) throws {
        let files = try InputFiles(parsing: arguments.values(of: RunCommand.input))
        let format = try OutputFormat(parsing: arguments.value(of: RunCommand.outputFormat))
        let seed: UInt64? = try IntegerArgument.parse(RunCommand.randomInput, in: arguments, range: 0...UInt64.max)
        let prepared = try PreparedModel(arguments, inputFiles: files, randomSeed: seed, whenWeightsMissing: .fail)
        let folder = arguments.value(of: RunCommand.outputFolder) ?? "."
        try createFolder(folder)
        let outputs = try prepared.model.run(prepared.inputs)
        var lines: [String] = []
        for declaration in prepared.model.outputs {
            guard let tensor = outputs[declaration.name] else {
                throw Diagnostic("the model returned no value for its output %\(declaration.name)")
            }
            let path = (folder as NSString).appendingPathComponent(RunCommand.fileName(for: declaration.name, format: format))
            try format.write(tensor, named: declaration.name, to: path)
            lines.append("%\(declaration.name): \(tensor.type) -> \(path)  \(TensorSummary.describe(tensor))")
        }
        Terminal.output(lines.joined(separator: "\n"))
    }

    /// The file name for the output `name`: the name with every character other than an ASCII
    /// letter, digit, `_`, `.` or `-` replaced by `_`, and the format's extension.
    static func fileName(for name: String, format: OutputFormat = .npy) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-")
        return String(name.map { allowed.contains($0) ? $0 : "_" }) + "." + format.rawValue
    }

    /// Creates `folder` and its parents unless it exists; throws a `Diagnostic` saying why not.
    private func createFolder(_ folder: String) throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw Diagnostic("--output-dir \(folder): a file of that name exists, not a folder") }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw Diagnostic("--output-dir \(folder): cannot create the folder (\(error.localizedDescription))")
        }
    }
}
