import CNNIR
@testable import CNNONNX
import CNNRuntime

/// How one node test ended.
enum NodeTestOutcome: Sendable {
    case passed
    case failed(String)
    case skipped(String)

    /// `passed`, `FAILED` or `skipped`, for the report.
    var status: String {
        switch self {
        case .passed: return "passed"
        case .failed: return "FAILED"
        case .skipped: return "skipped"
        }
    }

    /// Why it failed or was skipped; empty when it passed.
    var reason: String {
        switch self {
        case .passed: return ""
        case .failed(let reason), .skipped(let reason): return reason
        }
    }
}

/// Runs one ONNX node test on cnnc: import the model (a model with something cnnc does not
/// import is skipped, with the importer's list as the reason), run every data set on the
/// optimized kernels, and compare every output with the expected one as ONNX's own runner does.
///
/// Many node tests feed what a model would hold as a constant (a Reshape's shape, a Slice's
/// starts, Resize's scales) as a graph input; such inputs are given to the importer as values
/// known at import, from each data set, as a user would with a real model.
enum NodeTestRunner {
    /// The relative and absolute tolerances of ONNX's backend test runner.
    static let relativeTolerance = 1e-3
    static let absoluteTolerance = 1e-7

    /// The outcome of `test`.
    static func run(_ test: NodeTestCase) -> NodeTestOutcome {
        do {
            let model = NodeTestCorrections.corrected(try ONNXModelReader.read(contentsOf: test.model), test: test.name)
            let inputNames = inputNames(of: model)
            let outputNames = model.graph?.output.map(\.name) ?? []
            let frozen = try inputsReadAtImport(model, test: test, inputNames: inputNames)
            for (index, dataSet) in test.dataSets.enumerated() {
                let given = try feeds(dataSet, names: inputNames)
                let imported = try ONNXImporter.import(model, file: test.name, inputValues: given.filter { frozen.contains($0.key) })
                let runnable = try Model(graph: imported.graph, parameters: try imported.parameterTensors())
                let accepted = Set(runnable.inputs.map(\.name))
                let outputs = try runnable.run(given.filter { accepted.contains($0.key) })
                for (position, file) in dataSet.outputs.enumerated() where position < outputNames.count {
                    let expected = try CNNRuntime.Tensor(try ONNXModelReader.readTensor(contentsOf: file), wideningIntegers: true)
                    guard let found = outputs[outputNames[position]] else {
                        return .failed("data set \(index): no output \(outputNames[position])")
                    }
                    if let mismatch = OutputComparison.mismatch(found, expected: expected,
                                                                relativeTolerance: relativeTolerance, absoluteTolerance: absoluteTolerance) {
                        return .failed("data set \(index), output \(outputNames[position]): \(mismatch)")
                    }
                }
            }
            return .passed
        } catch let list as DiagnosticList where list.diagnostics.allSatisfy({ $0.message.hasPrefix(ONNXImporter.unsupportedPrefix) }) {
            return .skipped(list.diagnostics.map { String($0.message.dropFirst(ONNXImporter.unsupportedPrefix.count)) }.joined(separator: "; "))
        } catch {
            return .failed("\(error)")
        }
    }

    /// The graph inputs the import needs as known values, found with the first data set's values
    /// (giving some values can let the import reach nodes that need more).
    private static func inputsReadAtImport(_ model: ModelProto, test: NodeTestCase, inputNames: [String]) throws -> Set<String> {
        guard let first = test.dataSets.first else { return [] }
        let values = try feeds(first, names: inputNames)
        var needed: Set<String> = []
        while true {
            let more = ONNXImporter.inputsReadAtImport(model, file: test.name, inputValues: values.filter { needed.contains($0.key) })
            if more.isSubset(of: needed) { return needed }
            needed.formUnion(more)
        }
    }

    /// The graph inputs that are not initializers, in order: `input_i.pb` holds the i-th.
    private static func inputNames(of model: ModelProto) -> [String] {
        let initializers = Set(model.graph?.initializer.map(\.name) ?? [])
        return (model.graph?.input ?? []).map(\.name).filter { !initializers.contains($0) }
    }

    /// The tensors of a data set's input files, by input name (element types cnnc does not hold
    /// are left out: the import reports them).
    private static func feeds(_ dataSet: NodeTestCase.DataSet, names: [String]) throws -> [String: CNNRuntime.Tensor] {
        var inputs: [String: CNNRuntime.Tensor] = [:]
        for (position, file) in dataSet.inputs.enumerated() where position < names.count {
            let proto = try ONNXModelReader.readTensor(contentsOf: file)
            inputs[names[position]] = try? CNNRuntime.Tensor(proto)
        }
        return inputs
    }
}
