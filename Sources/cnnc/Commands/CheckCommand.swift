import CNNIR
import CNNPasses

/// `cnnc check MODEL.ir [--set NAME=SIZE]... [--weights FILE]`: verifies a model, checks its
/// weights, and prints a summary.
struct CheckCommand: Subcommand {
    /// `--weights FILE`: the safetensors file to check instead of the one the model names.
    static let weights = OptionSpec.option(
        "weights", value: "FILE", "check FILE (safetensors) as the model's weights instead of the file the model names")

    let name = "check"
    let summary = "verify a model and summarize it: types, ops, parameters, MACs, weights"
    let signature = CommandSignature(positionals: [.model], options: [.set, .inputShape, CheckCommand.weights])
    let discussion = [
        """
        The model is parsed and verified (every operand defined, every attribute valid, every
        declared type equal to the inferred one); every problem is reported, one line each, as
        file:line:column: error: node %name (op): message. A valid model gets a summary: its
        inputs and outputs with types, the number of nodes of each op, the parameter count
        (learned values; batch-norm running statistics are counted apart), and the
        multiply-accumulates (MACs) of one run (conv, conv_transpose, gemm and matmul count).
        Named dimensions that stay unbound count as 1.
        """,
        """
        If the model names a weights file (weights "…", relative to the model's folder) and it
        exists, or --weights is given, the file is read and every parameter is matched against it
        by name, dtype and shape; mismatches are errors. A named file that does not exist yet is
        only noted: 'cnnc init-weights' creates it.
        """,
        """
        examples:
          cnnc check Examples/resnet18.ir
          cnnc check model.ir --set N=8
          cnnc check model.ir --weights trained.safetensors
        """,
    ]

    func run(_ arguments: ParsedArguments) throws {
        let bindings = try DimensionBindings(parsing: arguments.values(of: .set))
        let inputShapes = try InputShapes(parsing: arguments.values(of: .inputShape))
        let model = try LoadedModel(path: try arguments.required(.model), bindings: bindings, inputShapes: inputShapes)
        try Verifier.verify(model.graph)
        let weights = WeightsReport(model, explicitPath: arguments.value(of: CheckCommand.weights))
        Terminal.output(CheckReport(model: model, summary: GraphSummary(of: model.graph), weights: weights).text)
        if !weights.problems.isEmpty { throw DiagnosticList(weights.problems) }
    }
}
