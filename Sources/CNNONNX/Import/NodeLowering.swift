import CNNIR
import CNNRuntime

/// One ONNX node being lowered: its inputs as imported values, its attributes, and the emission
/// of IR nodes (folded to constants when every operand is known).
///
/// Lowerings throw `UnsupportedFeature` for what cnnc does not import (the importer collects
/// those) and `Diagnostic` for a malformed model.
final class NodeLowering {
    /// The ONNX node.
    let node: NodeProto
    /// The version of the node's operator set.
    let opset: Int
    /// The node's name for messages: its name, or its first output's.
    let name: String
    /// The graph being built.
    let assembly: GraphAssembly
    /// The ONNX values some node or the graph's outputs use.
    let usedValues: Set<String>

    /// Creates the lowering of `node`.
    init(node: NodeProto, opset: Int, assembly: GraphAssembly, usedValues: Set<String>) {
        self.node = node
        self.opset = opset
        self.assembly = assembly
        self.usedValues = usedValues
        name = node.name.isEmpty ? (node.output.first { !$0.isEmpty } ?? node.opType) : node.name
    }

    /// The name new IR values are derived from: the node's first output.
    var baseName: String { node.output.first { !$0.isEmpty } ?? name }

    // MARK: Inputs

    /// Whether input `index` is given (present and not the empty name).
    func hasInput(_ index: Int) -> Bool {
        index < node.input.count && !node.input[index].isEmpty
    }

    /// Input `index`; throws a `Diagnostic` when it is missing.
    func input(_ index: Int) throws -> ImportedValue {
        guard let value = optionalInput(index) else {
            throw error("input \(index) is required but \(hasInput(index) ? "is not defined before the node" : "not given")")
        }
        return value
    }

    /// Input `index`, or nil when it is not given.
    func optionalInput(_ index: Int) -> ImportedValue? {
        guard hasInput(index) else { return nil }
        return assembly.values[node.input[index]]
    }

    /// Every given input, in order (for variadic ops).
    func givenInputs() throws -> [ImportedValue] {
        try node.input.indices.filter(hasInput).map { try input($0) }
    }

    /// The type of `value`.
    func type(of value: ImportedValue) throws -> TensorType {
        guard let type = assembly.type(of: value) else { throw error("an input could not be imported") }
        return type
    }

    /// The type of input `index`.
    func inputType(_ index: Int) throws -> TensorType {
        try type(of: try input(index))
    }

    /// The elements of input `index`, which must be known at import (`role` names it in the
    /// unsupported message); nil when the input is not given.
    func constantInput(_ index: Int, _ role: String) throws -> CNNRuntime.Tensor? {
        guard let value = optionalInput(index) else {
            if hasInput(index) { throw error("input \(index) (\(role)) is not defined before the node") }
            return nil
        }
        guard let constant = value.constant else { throw runTimeInput(index, role) }
        return constant.tensor
    }

    /// The integers of input `index` (known at import); nil when the input is not given.
    func intsInput(_ index: Int, _ role: String) throws -> [Int]? {
        guard let tensor = try constantInput(index, role) else { return nil }
        guard tensor.dtype == .i64 else { throw error("input \(index) (\(role)) must hold integers, found \(tensor.type)") }
        return try tensor.elements(as: Int64.self).map { Int($0) }
    }

    /// The numbers of input `index` (known at import); nil when the input is not given.
    func doublesInput(_ index: Int, _ role: String) throws -> [Double]? {
        try constantInput(index, role)?.doubles
    }

    /// The elements of integer input `index` as dimensions (sizes, or named dimensions taken from
    /// a `Shape`); nil when the input is not given.
    func dimensionsInput(_ index: Int, _ role: String) throws -> [Dimension]? {
        guard let value = optionalInput(index) else { return nil }
        do {
            guard let dimensions = try SymbolicShapes.dimensions(of: value) else { throw runTimeInput(index, role) }
            return dimensions
        } catch let diagnostic as Diagnostic {
            throw error("input \(index) (\(role)): \(diagnostic.message)")
        }
    }

    /// The unsupported feature of input `index` (`role`) being known only at run time; a graph
    /// input used so, or the i64 graph inputs it is computed from, are recorded, so that their
    /// values can be given at import.
    private func runTimeInput(_ index: Int, _ role: String) -> UnsupportedFeature {
        let name = node.input[index]
        if assembly.inputs.contains(where: { $0.name == name }) {
            assembly.inputsReadAtImport.insert(name)
            return UnsupportedFeature(detail: "with its \(role) given at run time (graph input '\(name)'; give its value at import)")
        }
        if case .value(let computed)? = optionalInput(index), let sources = assembly.integerInputs(feeding: computed) {
            assembly.inputsReadAtImport.formUnion(sources)
            let names = sources.sorted().map { "'\($0)'" }.joined(separator: ", ")
            return UnsupportedFeature(detail: "with its \(role) computed at run time from graph input\(sources.count == 1 ? "" : "s") \(names) (give \(sources.count == 1 ? "its value" : "their values") at import)")
        }
        return UnsupportedFeature(detail: "with its \(role) computed at run time")
    }

    /// Whether output `index` is given and used by a later node or as a graph output.
    func isOutputUsed(_ index: Int) -> Bool {
        index < node.output.count && !node.output[index].isEmpty && usedValues.contains(node.output[index])
    }

    /// Throws `UnsupportedFeature` when an output from `index` on is used (`role` names it).
    func requireUnusedOutputs(from index: Int, _ role: String) throws {
        for output in index..<max(node.output.count, index) where isOutputUsed(output) {
            throw UnsupportedFeature(detail: "with its \(role) output used")
        }
    }

    // MARK: Emission

    /// A constant made by this lowering (an operand it adds, such as a Clip bound).
    func constant(_ tensor: CNNRuntime.Tensor, _ suffix: String) -> ImportedValue {
        .constant(assembly.constant(tensor, name: assembly.names.derived(from: baseName, suffix)))
    }

    /// Emits `op` on `operands` with `attributes`, giving `resultCount` results: folded into
    /// constants when every operand is known (and the results are not too large to compute at
    /// import), else appended to the graph with its result types inferred. Throws
    /// `UnsupportedFeature` when the op rejects an operand's element type, and a `Diagnostic`
    /// naming the node when the operands or attributes do not fit.
    func emit(_ op: OpKind, _ operands: [ImportedValue], _ attributes: Attributes = Attributes(),
              resultCount: Int = 1) throws -> [ImportedValue] {
        do {
            let normalized = try op.schema.normalize(attributes)
            let types = try operands.map { try type(of: $0) }
            let inferred = Result { try op.schema.inferTypes(InferenceContext(op: op, operands: types, attributes: try op.schema.resolve(normalized),
                                                                               resultCount: resultCount)) }
            let foldable = switch inferred {
            case .success(let results): results.allSatisfy { ($0.shape.elementCount ?? .max) <= GraphAssembly.foldedElementLimit }
            case .failure: ElementShuffle.sizeKeepingOps.contains(op)
            }
            if foldable, !operands.isEmpty, let folded = try ConstantFolding.fold(op, operands, attributes: normalized, resultCount: resultCount,
                                                                                 assembly: assembly, name: baseName) {
                return folded
            }
            let resultTypes: [TensorType]
            do {
                resultTypes = try inferred.get()
            } catch let diagnostic as Diagnostic {
                if let odd = types.first(where: { !$0.dtype.isFloatingPoint }), diagnostic.message.contains("found \(odd)") {
                    throw UnsupportedFeature(detail: "on \(odd.dtype) tensors")
                }
                throw diagnostic
            }
            let names = try operands.map { try assembly.irName(of: $0) }
            let results = resultTypes.map { ValueDeclaration(name: assembly.names.derived(from: baseName, op.rawValue), type: $0) }
            assembly.append(Node(op: op, operands: names, attributes: normalized, results: results))
            return results.map { .value($0.name) }
        } catch let diagnostic as Diagnostic {
            throw error(diagnostic.message, irOp: op)
        }
    }

    /// `emit` for an op with one result.
    func emit1(_ op: OpKind, _ operands: [ImportedValue], _ attributes: Attributes = Attributes()) throws -> ImportedValue {
        let results = try emit(op, operands, attributes)
        guard let result = results.first else { throw error("\(op) gave no result") }
        return result
    }

    /// A diagnostic about this node: `node %name (Conv): message`.
    func error(_ message: String, irOp: OpKind? = nil) -> Diagnostic {
        let lowered = irOp.map { " (lowered to \($0))" } ?? ""
        return Diagnostic("\(message)\(lowered)", node: name, op: node.opType)
    }
}
