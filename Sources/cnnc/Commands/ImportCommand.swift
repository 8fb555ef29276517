import CNNIR
import CNNONNX
import Foundation

/// `cnnc import MODEL.onnx [-o OUT.ir] [--input-shape NAME=1x3x224x224]...`: converts an ONNX
/// model to cnnc's IR and writes it with its weights.
struct ImportCommand: Subcommand {
    /// The ONNX model to import.
    static let model = PositionalSpec.required("MODEL.onnx", "the ONNX model")
    /// `-o, --output FILE`: where the IR goes.
    static let output = OptionSpec.option(
        "output", short: "o", value: "OUT.ir", "write the IR to OUT.ir (default: MODEL with the extension .ir) and the weights beside it")

    let name = "import"
    let summary = "import an ONNX model: write its IR and its weights (safetensors)"
    let signature = CommandSignature(positionals: [ImportCommand.model], options: [ImportCommand.output, .inputShape])
    let discussion = [
        """
        Every node of the default ONNX operator set, versions 7 to 23, is lowered to IR ops;
        shape arithmetic that exporters emit (Shape, Gather, Concat, Unsqueeze, Cast, ... on
        values known at import) is computed at import. Everything cnnc does not import is listed
        at once, one line per op type (or attribute value, input form or element type) with its
        opset and node names. See docs/ONNX.md.
        """,
        """
        The IR goes to OUT.ir, the initializers the graph uses (and large constants computed at
        import) to OUT.safetensors beside it, which the IR names. Symbolic input dimensions stay
        named dimensions of the IR (bind them later with --set), unless --input-shape gives the
        input's full shape. 'cnnc run', 'bench' and 'check' also take MODEL.onnx directly.
        """,
        """
        examples:
          cnnc import resnet18.onnx
          cnnc import model.onnx -o /tmp/model.ir --input-shape input=1x3x224x224
        """,
    ]

    func run(_ arguments: ParsedArguments) throws {
        let source = try arguments.required(ImportCommand.model)
        let inputShapes = try InputShapes(parsing: arguments.values(of: .inputShape))
        var imported = try ONNXImporter.import(contentsOf: source, inputShapes: inputShapes.shapes)
        let irPath = arguments.value(of: ImportCommand.output) ?? ImportCommand.replacingExtension(of: source, with: "ir")
        var lines: [String] = []
        if !imported.graph.parameters.isEmpty {
            let weightsPath = ImportCommand.replacingExtension(of: irPath, with: "safetensors")
            imported.graph.weightsFile = (weightsPath as NSString).lastPathComponent
            try imported.weights.write(to: weightsPath)
            let bytes = imported.weights.tensors.values.reduce(0) { $0 + $1.bytes.count }
            lines.append("wrote \(weightsPath): \(Quantity.counted(imported.weights.tensors.count, "tensor")) (\(Quantity.bytes(bytes)))")
        }
        do {
            try Data(IRPrinter.print(imported.graph).utf8).write(to: URL(fileURLWithPath: irPath), options: .atomic)
        } catch {
            throw Diagnostic("cannot write \(irPath): \(error.localizedDescription)")
        }
        lines.insert("wrote \(irPath): graph @\(imported.graph.name), \(Quantity.counted(imported.graph.nodes.count, "node"))", at: 0)
        Terminal.output(lines.joined(separator: "\n"))
    }

    /// `path` with its extension (if any) replaced by `newExtension`.
    static func replacingExtension(of path: String, with newExtension: String) -> String {
        ((path as NSString).deletingPathExtension as NSString).appendingPathExtension(newExtension) ?? path + "." + newExtension
    }
}
