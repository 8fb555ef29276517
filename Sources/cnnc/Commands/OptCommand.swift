import CNNIR
import CNNPasses
import Foundation

/// `cnnc opt MODEL.ir [--passes LIST | -O LEVEL] [--print-after-all] [--print-after NAME]...
/// [--time-passes] [--verify-each] [--weights FILE] [--set NAME=SIZE]... [-o OUT.ir]`: runs a
/// pass pipeline on a model and writes the transformed IR (and weights).
struct OptCommand: Subcommand {
    /// `-o, --output OUT.ir`: where the transformed model goes.
    static let output = OptionSpec.option(
        "output", short: "o", value: "OUT.ir",
        "write the IR to OUT.ir and, when the model has weights, its weights to OUT.safetensors beside it (default: print the IR)")

    let name = "opt"
    let summary = "run optimization passes on a model and write the transformed IR and weights"
    let signature = CommandSignature(positionals: [.model],
                                     options: PipelineArguments.all + [ExecutionArguments.weights, .set, OptCommand.output])

    var discussion: [String] {
        let width = PassRegistry.standard.names.map(\.count).max() ?? 0
        let passList = PassRegistry.standard.passes.map { pass in
            "  " + pass.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + pass.summary
        }
        return [
            """
            The model is verified, then the passes run in order, and the result is verified again.
            -O0 runs no pass; -O2, the default, runs
            \(PassPipeline.o2).
            Passes that rewrite parameters (fold-batchnorm) need their values: they come from the
            file the model names (weights "…", relative to the model's folder) or from --weights
            FILE; without them those nodes are left as they are.
            """,
            """
            Without -o, the transformed IR is printed. With -o OUT.ir, it is written to OUT.ir and,
            when the model's weights were read, the transformed weights to OUT.safetensors beside
            it, with the IR's weights line naming that file. IR dumps (--print-after-all,
            --print-after) and the timing report (--time-passes) go to standard error.
            """,
            "passes:\n" + passList.joined(separator: "\n"),
            """
            examples:
              cnnc opt Examples/resnet18.ir -o /tmp/resnet18-opt.ir
              cnnc opt model.ir --passes canonicalize,fold-batchnorm,dce --print-after fold-batchnorm
              cnnc opt model.ir -O0 --time-passes
            """,
        ]
    }

    func run(_ arguments: ParsedArguments) throws {
        let manager = PipelineArguments.manager(arguments)
        let pipeline = try PipelineArguments.pipeline(arguments, manager: manager)
        let bindings = try DimensionBindings(parsing: arguments.values(of: .set))
        let model = try LoadedModel(path: try arguments.required(.model), bindings: bindings)
        let weightsPath = self.weightsPath(model, explicit: arguments.value(of: ExecutionArguments.weights))
        var unit = CompilationUnit(graph: model.graph)
        if let weightsPath {
            unit = try CompilationUnit(graph: model.graph, store: try WeightStore(contentsOf: weightsPath))
        }
        let original = unit
        try manager.run(pipeline, on: &unit)
        if weightsPath == nil && !model.graph.parameters.isEmpty {
            let reason = model.namedWeightsPath.map { "\($0) does not exist" } ?? "\(model.path) names no weights file"
            Terminal.error("note: no weights (\(reason)); passes that need parameter values leave their nodes alone")
        }
        guard let output = arguments.value(of: OptCommand.output) else {
            Terminal.output(IRPrinter.print(unit.graph))
            if unit.weights != original.weights {
                Terminal.error("note: the passes rewrote the weights; give -o OUT.ir to write them beside the IR")
            }
            return
        }
        try write(unit, to: output, withWeights: weightsPath != nil, nodesBefore: original.graph.nodes.count)
    }

    /// The weights file to read: --weights FILE, else the file the model names if it exists;
    /// nil when there is none.
    private func weightsPath(_ model: LoadedModel, explicit: String?) -> String? {
        if let explicit { return explicit }
        if let named = model.namedWeightsPath, FileManager.default.fileExists(atPath: named) { return named }
        return nil
    }

    /// Writes the IR to `path` and, when the weights were read, the weights beside it.
    private func write(_ unit: CompilationUnit, to path: String, withWeights: Bool, nodesBefore: Int) throws {
        var graph = unit.graph
        var lines: [String] = []
        if withWeights {
            let base = path.hasSuffix(".ir") ? String(path.dropLast(3)) : path
            let weightsPath = base + ".safetensors"
            graph.weightsFile = (weightsPath as NSString).lastPathComponent
            try unit.weightStore.write(to: weightsPath)
            let bytes = unit.weights.values.reduce(0) { $0 + $1.bytes.count }
            lines.append("wrote \(weightsPath): \(Quantity.counted(unit.weights.count, "tensor")) (\(Quantity.bytes(bytes)))")
        }
        do {
            try IRPrinter.print(graph).write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw Diagnostic("cannot write \(path): \(error.localizedDescription)")
        }
        lines.insert("wrote \(path): \(Quantity.counted(graph.nodes.count, "node")) (was \(nodesBefore))", at: 0)
        Terminal.output(lines.joined(separator: "\n"))
    }
}
