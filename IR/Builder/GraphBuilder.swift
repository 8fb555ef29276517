/// Builds a `Graph` in code, inferring the type of every node as it is added.
///
/// ```swift
/// let b = GraphBuilder(name: "tiny")
/// let x = try b.input("x", TensorType(.f32, [1, 1, 28, 28]))
/// let w = try b.parameter("conv.weight", TensorType(.f32, [8, 1, 3, 3]))
/// let y = try b.relu(b.conv(x, weight: w, pads: [1, 1, 1, 1]))
/// try b.output(y)
/// b.weights("tiny.safetensors")
/// let graph = try b.build()
/// ```
///
/// Every op goes through `apply`, which normalizes the attributes with the op's schema, infers
/// the result type, and throws a `Diagnostic` naming the node when the operands or attributes do
/// not fit. The typed methods (`conv`, `maxPool`, `gemm`, …) are thin wrappers over `apply`.
public final class GraphBuilder {
    /// The name of the graph being built, without `@`.
    public let name: String
    private var inputs: [ValueDeclaration] = []
    private var parameters: [ValueDeclaration] = []
    private var nodes: [Node] = []
    private var outputs: [String] = []
    private var weightsFile: String?
    private var definedTypes: [String: TensorType] = [:]
    private var nextAutomaticName = 0

    /// Starts an empty graph called `name`.
    public init(name: String) {
        self.name = name
    }

    /// Continues building `graph`: its inputs, parameters, nodes, outputs and weights file are
    /// taken as they are, and later calls append to them (a transformation such as
    /// `differentiate` extends a graph this way, with every new node's type inferred).
    public init(continuing graph: Graph) {
        name = graph.name
        inputs = graph.inputs
        parameters = graph.parameters
        nodes = graph.nodes
        outputs = graph.outputs
        weightsFile = graph.weightsFile
        definedTypes = graph.valueTypes
    }

    /// The value `name` of the graph, or nil when no input, parameter or node result has that name.
    public func value(named name: String) -> GraphValue? {
        definedTypes[name].map { GraphValue(name: name, type: $0) }
    }

    /// Replaces the graph's outputs by `values`, in order.
    public func setOutputs(_ values: [GraphValue]) throws {
        outputs = []
        for value in values { try output(value) }
    }

    /// Declares a graph input. Throws if the name is empty or already defined.
    public func input(_ name: String, _ type: TensorType) throws -> GraphValue {
        try claim(name, kind: "input")
        inputs.append(ValueDeclaration(name: name, type: type))
        return define(name, type)
    }

    /// Declares a parameter (a weight stored in the graph's safetensors file). Throws if the name
    /// is empty or already defined.
    public func parameter(_ name: String, _ type: TensorType) throws -> GraphValue {
        try claim(name, kind: "param")
        parameters.append(ValueDeclaration(name: name, type: type))
        return define(name, type)
    }

    /// Appends a node of `op` with one result: normalizes `attributes` (defaults dropped, values
    /// converted to the declared kinds), infers the result type, and returns the result.
    ///
    /// The node is called `name`, or `0`, `1`, … in order when no name is given. Throws a
    /// `Diagnostic` naming the node and op when the name is taken, an operand does not belong to
    /// this graph, or the op's schema rejects the operands or attributes.
    public func apply(_ op: OpKind, _ operands: [GraphValue], _ attributes: Attributes = Attributes(),
                      name: String? = nil) throws -> GraphValue {
        let results = try apply(op, operands, attributes, resultCount: 1, names: name.map { [$0] })
        return results[0]
    }

    /// Appends a node of `op` with `resultCount` results (such as `split`), as `apply` does for
    /// one: the results are called `names` (one per result), or take the next automatic names.
    /// Throws a `Diagnostic` naming the node when a name is taken or repeated, the number of
    /// names differs from `resultCount`, or the op's schema rejects the node.
    public func apply(_ op: OpKind, _ operands: [GraphValue], _ attributes: Attributes = Attributes(),
                      resultCount: Int, names: [String]? = nil) throws -> [GraphValue] {
        var counter = nextAutomaticName
        let resultNames = names ?? (0..<Swift.max(resultCount, 1)).map { _ in
            while definedTypes[String(counter)] != nil { counter += 1 }
            counter += 1
            return String(counter - 1)
        }
        let nodeName = resultNames.first ?? ""
        do {
            guard resultNames.count == resultCount, resultCount >= 1 else {
                throw Diagnostic("\(op) is given \(resultNames.count) result names for \(resultCount) results; a node needs one name per result and at least one result")
            }
            for resultName in resultNames { try claim(resultName, kind: op.rawValue) }
            guard Set(resultNames).count == resultNames.count else {
                throw Diagnostic("the result names \(resultNames.map { "%" + $0 }.joined(separator: ", ")) repeat a name")
            }
            for operand in operands where definedTypes[operand.name] != operand.type {
                throw Diagnostic("operand \(operand) is not a value of graph @\(self.name)")
            }
            let schema = op.schema
            let normalized = try schema.normalize(attributes)
            let resultTypes = try schema.inferResultTypes(operands: operands.map(\.type), attributes: normalized,
                                                          resultCount: resultCount)
            guard resultTypes.count == resultCount else {
                throw Diagnostic("\(op) infers \(resultTypes.count) results, the node asks for \(resultCount)")
            }
            let results = zip(resultNames, resultTypes).map { ValueDeclaration(name: $0, type: $1) }
            nodes.append(Node(op: op, operands: operands.map(\.name), attributes: normalized, results: results))
            if names == nil { nextAutomaticName = counter }
            return results.map { define($0.name, $0.type) }
        } catch let diagnostic as Diagnostic {
            throw diagnostic.attributed(to: nil, node: nodeName, op: op.rawValue)
        }
    }

    /// Marks `value` as a graph output (in the order of the calls).
    public func output(_ value: GraphValue) throws {
        guard definedTypes[value.name] == value.type else {
            throw Diagnostic("output \(value) is not a value of graph @\(name)")
        }
        outputs.append(value.name)
    }

    /// Names the safetensors file that holds the parameters, relative to the IR file.
    public func weights(_ file: String) {
        weightsFile = file
    }

    /// The finished graph, checked by `Verifier.verify`; throws the verifier's `DiagnosticList`.
    public func build() throws -> Graph {
        let graph = Graph(name: name, inputs: inputs, parameters: parameters, nodes: nodes,
                          outputs: outputs, weightsFile: weightsFile)
        try Verifier.verify(graph)
        return graph
    }

    /// Throws unless `name` is non-empty and not yet defined.
    private func claim(_ name: String, kind: String) throws {
        guard !name.isEmpty else {
            throw Diagnostic("a value name must not be empty", op: kind)
        }
        guard definedTypes[name] == nil else {
            throw Diagnostic("value %\(name) is already defined in graph @\(self.name)", node: name, op: kind)
        }
    }

    /// Records the type of a new value and returns its handle.
    private func define(_ name: String, _ type: TensorType) -> GraphValue {
        definedTypes[name] = type
        return GraphValue(name: name, type: type)
    }

}
