import CNNIR
import CNNRuntime

/// The IR graph being built from an ONNX graph: inputs, parameters with their weights, nodes,
/// the type of every IR value, and what every ONNX value name stands for.
final class GraphAssembly {
    /// Constants with at most this many elements become inline `constant` nodes when the graph
    /// needs them as values; larger ones become parameters, stored with the weights.
    static let literalElementLimit = 16

    /// The most elements a tensor computed at import may have (2^26): larger results stay nodes
    /// of the graph, so that a hostile model cannot make the import allocate without bound.
    static let foldedElementLimit = 1 << 26

    /// The element count of a tensor of `shape` to be computed at import; throws a `Diagnostic`
    /// for a negative size, an overflow, or more than `foldedElementLimit` elements.
    static func foldedElementCount(_ shape: [Int]) throws -> Int {
        let count = try CNNRuntime.Tensor.elementCount(of: shape)
        guard count <= foldedElementLimit else {
            throw Diagnostic("a tensor of shape \(shape) would have \(count) elements, more than the \(foldedElementLimit) cnnc computes at import")
        }
        return count
    }

    /// The graph inputs.
    private(set) var inputs: [ValueDeclaration] = []
    /// The parameters.
    private(set) var parameters: [ValueDeclaration] = []
    /// The nodes, in order.
    private(set) var nodes: [Node] = []
    /// The parameters' values, by name.
    private(set) var weights: [String: WeightTensor] = [:]
    /// The type of every IR value, by name.
    private(set) var types: [String: TensorType] = [:]
    /// What every ONNX value seen so far stands for.
    var values: [String: ImportedValue] = [:]
    /// The IR value names.
    var names = ValueNames()
    /// The graph inputs that a lowering needed as values known at import (a Reshape's shape).
    var inputsReadAtImport: Set<String> = []

    /// The IR value each constant became, by constant id.
    private var materialized: [Int: String] = [:]
    /// The id of the next constant.
    private(set) var nextConstantID = 0

    /// Adds a graph input.
    func addInput(_ declaration: ValueDeclaration) {
        inputs.append(declaration)
        types[declaration.name] = declaration.type
    }

    /// A new constant named `name` (the ONNX value it stands for).
    func constant(_ tensor: CNNRuntime.Tensor, name: String, isInitializer: Bool = false) -> ConstantTensor {
        defer { nextConstantID += 1 }
        return ConstantTensor(id: nextConstantID, tensor: tensor, name: name, isInitializer: isInitializer)
    }

    /// The imported value of a tensor of the model (an initializer, a Constant's value): a
    /// constant; unavailable when its element type is one cnnc does not hold; invalid when its
    /// elements cannot be read (an error only once a node uses it).
    func value(of proto: TensorProto, name: String, isInitializer: Bool) -> ImportedValue {
        guard ElementTypes.constantDType(proto.dataType) != nil else { return .unavailable(reason: "\(proto.dataType) tensors") }
        do {
            return .constant(constant(try CNNRuntime.Tensor(proto, wideningIntegers: true), name: name, isInitializer: isInitializer))
        } catch let diagnostic as Diagnostic {
            return .invalid(diagnostic)
        } catch {
            return .invalid(Diagnostic("tensor \(name): \(error)"))
        }
    }

    /// The type of `value`, or nil for an unavailable one.
    func type(of value: ImportedValue) -> TensorType? {
        switch value {
        case .value(let name): return types[name]
        case .constant(let constant): return constant.tensor.type
        case .symbolic(let symbolic): return TensorType(.i64, symbolic.shape)
        case .unavailable, .invalid: return nil
        }
    }

    /// The IR value name for `value`, making a constant into a graph value the first time it is
    /// needed as one: a parameter for an initializer or a large constant, an inline `constant`
    /// node otherwise. Throws a `Diagnostic` for an integer vector holding named dimensions.
    func irName(of value: ImportedValue) throws -> String {
        switch value {
        case .value(let name):
            return name
        case .constant(let constant):
            if let name = materialized[constant.id] { return name }
            let name = constant.name
            if constant.isInitializer || constant.tensor.count > GraphAssembly.literalElementLimit {
                parameters.append(ValueDeclaration(name: name, type: constant.tensor.type))
                weights[name] = try WeightTensor(constant.tensor)
                types[name] = constant.tensor.type
            } else {
                let literal = try TensorLiteral(constant.tensor)
                append(Node(op: .constant, operands: [], attributes: ["value": .tensor(literal)],
                            results: [ValueDeclaration(name: name, type: literal.type)]))
            }
            materialized[constant.id] = name
            return name
        case .symbolic(let symbolic):
            let symbol = symbolic.firstSymbol ?? "?"
            throw Diagnostic("the named dimension \(symbol) is used as a tensor value; give the input shapes with --input-shape NAME=1x3x224x224 so that the shape arithmetic can be done at import")
        case .unavailable:
            throw Diagnostic("a value could not be imported")
        case .invalid(let problem):
            throw problem
        }
    }

    /// The i64 graph inputs that the IR value `name` is computed from (through any nodes), or nil
    /// when it is computed from none or also from a graph input of another element type (a value
    /// that is only known at run time). Giving those inputs' values at import makes it a constant.
    func integerInputs(feeding name: String) -> Set<String>? {
        let inputTypes = Dictionary(inputs.map { ($0.name, $0.type) }, uniquingKeysWith: { first, _ in first })
        var producers: [String: Node] = [:]
        for node in nodes { for result in node.results { producers[result.name] = node } }
        var pending = [name], seen: Set<String> = [], found: Set<String> = []
        while let next = pending.popLast() {
            guard seen.insert(next).inserted else { continue }
            if let type = inputTypes[next] {
                guard type.dtype == .i64 else { return nil }
                found.insert(next)
            } else if let node = producers[next] {
                pending += node.operands
            }
        }
        return found.isEmpty ? nil : found
    }

    /// Appends `node` and records the types of its results.
    func append(_ node: Node) {
        nodes.append(node)
        for result in node.results { types[result.name] = result.type }
    }

    /// Renames the IR value `old` to `new` in the nodes from index `start` on (the value was
    /// defined there, so no earlier node uses it).
    func rename(_ old: String, to new: String, inNodesFrom start: Int) {
        guard old != new else { return }
        for index in start..<nodes.count {
            nodes[index].operands = nodes[index].operands.map { $0 == old ? new : $0 }
            for result in nodes[index].results.indices where nodes[index].results[result].name == old {
                nodes[index].results[result].name = new
            }
        }
        types[new] = types[old]
        types[old] = nil
    }

    /// The graph: the nodes no output depends on are left out, and with them the parameters
    /// only those nodes used.
    func graph(named name: String, outputs: [String]) -> (Graph, WeightStore) {
        var used = Set(outputs)
        var kept: [Node] = []
        for node in nodes.reversed() where node.results.contains(where: { used.contains($0.name) }) {
            kept.append(node)
            used.formUnion(node.operands)
        }
        let keptParameters = parameters.filter { used.contains($0.name) }
        let graph = Graph(name: name, inputs: inputs, parameters: keptParameters, nodes: kept.reversed(), outputs: outputs)
        var store = WeightStore()
        for parameter in keptParameters { store[parameter.name] = weights[parameter.name] }
        return (graph, store)
    }
}

extension TensorLiteral {
    /// The literal holding `tensor`'s elements.
    init(_ tensor: CNNRuntime.Tensor) throws {
        switch tensor.dtype {
        case .f32, .f64: self.init(type: tensor.type, storage: .floating(tensor.doubles))
        case .i64: self.init(type: tensor.type, storage: .integer(try tensor.elements(as: Int64.self)))
        case .bool: self.init(type: tensor.type, storage: .integer(try tensor.elements(as: Bool.self).map { $0 ? 1 : 0 }))
        }
    }
}
