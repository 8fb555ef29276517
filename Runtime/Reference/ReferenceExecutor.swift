import CNNIR

/// Runs a verified graph on the reference kernels: the oracle for compiled plans, passes and
/// importers.
///
/// Every named dimension (such as the batch `N`) takes its size from the first input that has
/// it; every later use, in inputs, parameters and node results, must agree. Each node's results
/// are checked against the types it declares, so a disagreement between shape inference and
/// the kernels is reported at the node instead of producing wrong numbers.
public enum ReferenceExecutor {
    /// Runs `graph` and returns its outputs by value name.
    ///
    /// Throws a `Diagnostic` for an unknown, missing or mistyped input or parameter (naming it
    /// and its expected type), and for any node the reference kernels reject (located at the node).
    public static func run(_ graph: Graph, inputs: [String: Tensor], parameters: [String: Tensor] = [:]) throws -> [String: Tensor] {
        var bindings: [String: Int] = [:]
        var values: [String: Tensor] = [:]
        try bind(graph.inputs, to: inputs, role: "input", graph: graph, bindings: &bindings, values: &values)
        try bind(graph.parameters, to: parameters, role: "parameter", graph: graph, bindings: &bindings, values: &values)
        for node in graph.nodes {
            let operands = try node.operands.map { name in
                guard let value = values[name] else { throw node.error("operand %\(name) is not defined before this node") }
                return value
            }
            let results: [Tensor]
            do {
                results = try ReferenceKernels.evaluate(node.op, operands: operands, attributes: node.attributes,
                                                        resultCount: node.results.count)
            } catch let diagnostic as Diagnostic {
                throw diagnostic.attributed(to: node.location, node: node.name, op: node.op.rawValue)
            }
            guard results.count == node.results.count else {
                throw node.error("declares \(node.results.count) results, the op computes \(results.count)")
            }
            for (result, declaration) in zip(results, node.results) {
                guard matches(declaration.type, result, &bindings) else {
                    throw node.error("computes \(result.type) for %\(declaration.name), which is declared \(declaration.type)\(boundSizes(declaration.type, bindings))")
                }
                values[declaration.name] = result
            }
        }
        var outputs: [String: Tensor] = [:]
        for name in graph.outputs {
            guard let value = values[name] else {
                throw Diagnostic("the graph returns %\(name), which is never defined", at: graph.location)
            }
            outputs[name] = value
        }
        return outputs
    }

    /// Checks the given tensors against declarations (inputs or parameters) and records them.
    private static func bind(_ declarations: [ValueDeclaration], to given: [String: Tensor], role: String, graph: Graph,
                             bindings: inout [String: Int], values: inout [String: Tensor]) throws {
        let declared = Set(declarations.map(\.name))
        for name in given.keys.sorted() where !declared.contains(name) {
            let known = declarations.map { "%" + $0.name }.joined(separator: ", ")
            throw Diagnostic("unknown \(role) %\(name); the graph's \(role)s are \(known.isEmpty ? "none" : known)", at: graph.location)
        }
        for declaration in declarations {
            guard let tensor = given[declaration.name] else {
                throw Diagnostic("missing \(role) %\(declaration.name) of type \(declaration.type)", at: declaration.location)
            }
            guard matches(declaration.type, tensor, &bindings) else {
                throw Diagnostic("\(role) %\(declaration.name) expects \(declaration.type)\(boundSizes(declaration.type, bindings)), found \(tensor.type)",
                                 at: declaration.location)
            }
            values[declaration.name] = tensor
        }
    }

    /// Whether `tensor` has the declared type, binding the declared type's named dimensions that
    /// are not bound yet (only when everything matches).
    private static func matches(_ type: TensorType, _ tensor: Tensor, _ bindings: inout [String: Int]) -> Bool {
        guard type.dtype == tensor.dtype, type.rank == tensor.rank else { return false }
        var proposed = bindings
        for (dimension, size) in zip(type.shape.dimensions, tensor.shape) {
            switch dimension {
            case .fixed(let expected):
                if expected != size { return false }
            case .named(let name):
                if let bound = proposed[name], bound != size { return false }
                proposed[name] = size
            }
        }
        bindings = proposed
        return true
    }

    /// The sizes already bound for the named dimensions of `type`, for messages: ` (N = 2)`.
    private static func boundSizes(_ type: TensorType, _ bindings: [String: Int]) -> String {
        let known = type.shape.symbolNames.compactMap { name in bindings[name].map { "\(name) = \($0)" } }
        return known.isEmpty ? "" : " (" + known.joined(separator: ", ") + ")"
    }
}
