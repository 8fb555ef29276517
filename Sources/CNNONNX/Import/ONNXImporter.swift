import CNNIR
import CNNRuntime

/// Imports ONNX models into cnnc's IR.
///
/// ```swift
/// let model = try ONNXModelReader.read(contentsOf: "resnet18.onnx")
/// let imported = try ONNXImporter.import(model, file: "resnet18.onnx", inputShapes: ["input": [1, 3, 224, 224]])
/// let runnable = try Model(graph: imported.graph, parameters: try imported.parameterTensors())
/// ```
///
/// Every node of the default operator set (versions 7 to 23) is lowered to IR ops; anything
/// computed from initializers and constants alone (the shape arithmetic exporters emit) is
/// evaluated at import. Everything cnnc cannot import is collected and thrown at once as a
/// `DiagnosticList`, one line per op type (or unsupported attribute value, input form or element
/// type) with its opset and node names, each message starting with `unsupportedPrefix`. A
/// malformed model throws a `Diagnostic` naming the node.
public enum ONNXImporter {
    /// How every message about an unsupported feature starts.
    public static let unsupportedPrefix = "unsupported: "
    /// The versions of the default operator set cnnc imports.
    public static let supportedOpsets: ClosedRange<Int> = 7...23

    /// Reads the ONNX file at `path` and imports it (see `import(_:file:inputShapes:inputValues:)`).
    public static func `import`(contentsOf path: String, inputShapes: [String: [Int]] = [:],
                                inputValues: [String: CNNRuntime.Tensor] = [:]) throws -> ImportedModel {
        try self.import(try ONNXModelReader.read(contentsOf: path), file: path, inputShapes: inputShapes, inputValues: inputValues)
    }

    /// Imports `model`; `file` names it in messages. `inputShapes` gives the full shape of graph
    /// inputs by name, freezing their symbolic dimensions (a dimension name fixed this way is
    /// fixed in every input); symbolic dimensions left stay named dimensions of the IR.
    /// `inputValues` gives the values of graph inputs known at import (such as a Reshape's shape
    /// fed as an input): they become constants, like initializers.
    public static func `import`(_ model: ModelProto, file: String, inputShapes: [String: [Int]] = [:],
                                inputValues: [String: CNNRuntime.Tensor] = [:]) throws -> ImportedModel {
        var importer = try prepared(model, file: file, inputShapes: inputShapes, inputValues: inputValues)
        try importer.lowerNodes()
        return try importer.finish()
    }

    /// The graph inputs of `model` that its import needs as values known at import (they feed a
    /// Reshape's shape, a Slice's starts, ...), with `inputValues` already given; empty when
    /// the model is malformed before any node is lowered.
    static func inputsReadAtImport(_ model: ModelProto, file: String, inputValues: [String: CNNRuntime.Tensor]) -> Set<String> {
        guard var importer = try? prepared(model, file: file, inputShapes: [:], inputValues: inputValues) else { return [] }
        _ = try? importer.lowerNodes()
        return importer.assembly.inputsReadAtImport
    }

    /// The import of `model` with its values declared, ready to lower its nodes. Throws for a
    /// model without a graph or a default operator set, and the unsupported opset or sparse
    /// initializers as a `DiagnosticList`.
    private static func prepared(_ model: ModelProto, file: String, inputShapes: [String: [Int]],
                                 inputValues: [String: CNNRuntime.Tensor]) throws -> GraphImporter {
        guard let graph = model.graph else { throw Diagnostic("\(file): the model has no graph") }
        let usesDefaultDomain = graph.node.contains { $0.domain.isEmpty || $0.domain == "ai.onnx" }
        let opset = Int(model.opsetVersion(domain: "") ?? 0)
        if usesDefaultDomain {
            guard opset > 0 else { throw Diagnostic("\(file): the model imports no version of the default ONNX operator set") }
            guard supportedOpsets.contains(opset) else {
                throw DiagnosticList([Diagnostic("\(unsupportedPrefix)opset \(opset) of the default ONNX domain (cnnc imports opsets \(supportedOpsets.lowerBound) to \(supportedOpsets.upperBound)) in \(file)")])
            }
        }
        guard graph.sparseInitializerCount == 0 else {
            throw DiagnosticList([Diagnostic("\(unsupportedPrefix)sparse initializers (\(graph.sparseInitializerCount)) in \(file)")])
        }
        var importer = GraphImporter(model: model, graph: graph, opset: opset, file: file)
        try importer.declareValues(inputShapes: inputShapes, inputValues: inputValues)
        return importer
    }
}
