import CNNIR
import CNNRuntime

/// The import of one ONNX graph: values first (initializers and inputs), then every node in
/// order, then the outputs. Unsupported features are collected on the way and thrown together.
struct GraphImporter {
    /// The model.
    let model: ModelProto
    /// Its graph.
    let graph: GraphProto
    /// The version of the default operator set.
    let opset: Int
    /// The file, for messages.
    let file: String
    /// The graph being built.
    let assembly = GraphAssembly()
    /// The ONNX values some node or graph output uses.
    let usedValues: Set<String>
    /// What cannot be imported.
    var unsupported = UnsupportedFeatures()

    /// Prepares the import of `graph`.
    init(model: ModelProto, graph: GraphProto, opset: Int, file: String) {
        self.model = model
        self.graph = graph
        self.opset = opset
        self.file = file
        usedValues = Set(graph.node.flatMap(\.input) + graph.output.map(\.name))
    }

    /// Declares the initializers (as constants), the inputs given values (as constants too),
    /// and the other graph inputs.
    mutating func declareValues(inputShapes: [String: [Int]], inputValues: [String: CNNRuntime.Tensor]) throws {
        assembly.names.reserve(graph.initializer.map(\.name) + graph.input.map(\.name) + graph.node.flatMap(\.output))
        for initializer in graph.initializer {
            assembly.values[initializer.name] = assembly.value(of: initializer, name: initializer.name, isInitializer: true)
        }
        for name in inputValues.keys.sorted() {
            guard graph.input.contains(where: { $0.name == name }) else {
                throw Diagnostic("\(file): a value is given for \(name), which is not an input of the model")
            }
            if let value = inputValues[name], assembly.values[name] == nil {
                assembly.values[name] = .constant(assembly.constant(value, name: name))
            }
        }
        let inputs = graph.input.filter { assembly.values[$0.name] == nil }
        let declarations = try InputDeclarations(inputs, givenShapes: inputShapes, file: file)
        for input in inputs {
            if let type = declarations.types[input.name] {
                assembly.addInput(ValueDeclaration(name: input.name, type: type))
                assembly.values[input.name] = .value(input.name)
            } else if let reason = declarations.unsupportedInputs[input.name] {
                assembly.values[input.name] = .unavailable(reason: reason)
            }
        }
    }

    /// Lowers every node in order, recording what is unsupported.
    mutating func lowerNodes() throws {
        for node in graph.node {
            let lowering = NodeLowering(node: node, opset: opset, assembly: assembly, usedValues: usedValues)
            if let problem = try lower(lowering) {
                unsupported.record(problem, opset: domainOpset(node), lowering.name)
                for output in node.output where !output.isEmpty { assembly.values[output] = .unavailable(reason: nil) }
            }
        }
    }

    /// Lowers one node and records its outputs; returns what is unsupported about it, if anything
    /// (nil as well when an input is unavailable because its producer is already reported).
    private func lower(_ lowering: NodeLowering) throws -> String? {
        let node = lowering.node
        let found = Lowerings.lowering(domain: node.domain, opType: node.opType)
        guard node.domain.isEmpty || node.domain == "ai.onnx" || found != nil else { return "\(node.domain).\(node.opType)" }
        for (index, input) in node.input.enumerated() where !input.isEmpty {
            switch assembly.values[input] {
            case nil: throw lowering.error("input \(index) '\(input)' is not defined before the node (nodes must be in topological order)")
            case .unavailable(let reason?): return "\(node.opType) on \(reason)"
            case .invalid(let problem): throw lowering.error(problem.message)
            case .unavailable(nil):
                for output in node.output where !output.isEmpty { assembly.values[output] = .unavailable(reason: nil) }
                return nil
            default: continue
            }
        }
        guard let lower = found else { return node.opType }
        let firstNode = assembly.nodes.count
        let firstConstant = assembly.nextConstantID
        let results: [ImportedValue]
        do {
            results = try lower(lowering)
        } catch let feature as UnsupportedFeature {
            return "\(node.opType) \(feature.detail)"
        }
        for (index, output) in node.output.enumerated() where !output.isEmpty {
            guard index < results.count else {
                if lowering.isOutputUsed(index) { return "\(node.opType) with output \(index) used" }
                continue
            }
            assembly.values[output] = adopt(results[index], name: output, firstNode: firstNode, firstConstant: firstConstant)
        }
        return nil
    }

    /// `value`, renamed to the ONNX output name `name` when this lowering created it.
    private func adopt(_ value: ImportedValue, name: String, firstNode: Int, firstConstant: Int) -> ImportedValue {
        switch value {
        case .value(let irName):
            let createdHere = assembly.nodes[firstNode...].contains { $0.results.contains { $0.name == irName } }
            guard createdHere, assembly.types[name] == nil else { return value }
            assembly.rename(irName, to: name, inNodesFrom: firstNode)
            return .value(name)
        case .constant(var constant) where constant.id >= firstConstant:
            constant.name = name
            return .constant(constant)
        default:
            return value
        }
    }

    /// The version of the operator set of `node`'s domain (0 if the model imports none).
    private func domainOpset(_ node: NodeProto) -> Int {
        node.domain.isEmpty || node.domain == "ai.onnx" ? opset : Int(model.opsetVersion(domain: node.domain) ?? 0)
    }

    /// The graph outputs, named as in ONNX, and the finished graph: unused nodes dropped,
    /// `auto_pad` resolved, verified. Throws the list of unsupported features if there is any.
    mutating func finish() throws -> ImportedModel {
        var outputs: [String] = []
        for output in graph.output {
            switch assembly.values[output.name] {
            case nil:
                throw Diagnostic("\(file): graph output \(output.name) is not computed by any node")
            case .unavailable(let reason):
                if let reason { unsupported.record("graph outputs of \(reason)", opset: opset, at: .graphOutput, output.name) }
            case let value?:
                do {
                    outputs.append(try irOutput(value, named: output.name, after: outputs))
                } catch let diagnostic as Diagnostic {
                    throw Diagnostic("graph output \(output.name): \(diagnostic.message)")
                } catch let feature as UnsupportedFeature {
                    unsupported.record("graph outputs copying another value \(feature.detail)", opset: opset, at: .graphOutput, output.name)
                }
            }
        }
        if !unsupported.isEmpty { throw unsupported.diagnostics(file: file) }
        let (built, weights) = assembly.graph(named: graph.name.isEmpty ? "model" : graph.name, outputs: outputs)
        let resolved = try built.resolvingAutoPads()
        try Verifier.verify(resolved)
        return ImportedModel(graph: resolved, weights: weights)
    }

    /// The IR value returned for the graph output `name`: the value itself when it has that name,
    /// else an identity node of that name (for an output that is another value under a new name,
    /// such as an Identity of an input, or a value returned twice).
    private func irOutput(_ value: ImportedValue, named name: String, after earlier: [String]) throws -> String {
        let irName = try assembly.irName(of: value)
        guard irName != name || earlier.contains(irName) else { return irName }
        var identity = NodeProto()
        identity.opType = "Identity"
        identity.output = [name]
        let lowering = NodeLowering(node: identity, opset: opset, assembly: assembly, usedValues: usedValues)
        guard case .value(let copy) = try lowering.emit1(.identity, [.value(irName)]) else { return irName }
        guard assembly.types[name] == nil else { return copy }
        assembly.rename(copy, to: name, inNodesFrom: assembly.nodes.count - 1)
        return name
    }
}
