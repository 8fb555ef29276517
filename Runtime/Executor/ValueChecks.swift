import CNNIR

/// The checks on what a user hands to a plan: tensors against the graph's declarations, and
/// the graph's types against the executor's need for static shapes.
enum ValueChecks {
    /// Checks `given` against `declarations` (the graph's inputs or parameters, named `role`):
    /// no unknown name (the message lists the expected ones), none missing, each of the declared
    /// type. Throws a `Diagnostic` for the first problem, located at the declaration.
    static func check(_ given: [String: Tensor], against declarations: [ValueDeclaration], role: String, graph: Graph) throws {
        let declared = Set(declarations.map(\.name))
        for name in given.keys.sorted() where !declared.contains(name) {
            let known = declarations.map { "%" + $0.name }.joined(separator: ", ")
            throw Diagnostic("unknown \(role) %\(name); the model's \(role)s are \(known.isEmpty ? "none" : known)",
                             at: graph.location)
        }
        for declaration in declarations {
            guard let tensor = given[declaration.name] else {
                throw Diagnostic("missing \(role) %\(declaration.name) of type \(declaration.type)", at: declaration.location)
            }
            guard tensor.type == declaration.type else {
                throw Diagnostic("\(role) %\(declaration.name): expected \(declaration.type), found \(tensor.type)",
                                 at: declaration.location)
            }
        }
    }

    /// The type of every value of `graph`, each checked to be static and of a representable
    /// size. A named dimension left unbound is a `Diagnostic` naming the value and how to bind it.
    static func staticTypes(of graph: Graph) throws -> [String: TensorType] {
        let declarations = graph.inputs.map { ("input", $0) } + graph.parameters.map { ("parameter", $0) }
            + graph.nodes.flatMap { node in node.results.map { ("value", $0) } }
        var types: [String: TensorType] = [:]
        for (role, declaration) in declarations {
            let type = declaration.type
            let symbols = type.shape.symbolNames
            if let symbol = symbols.first {
                let plural = symbols.count > 1 ? "s \(symbols.joined(separator: ", "))" : " \(symbol)"
                throw Diagnostic("\(role) %\(declaration.name) has type \(type) with the unbound dimension\(plural); "
                                 + "bind it with `--set \(symbol)=<size>` on the command line or "
                                 + "`graph.binding([\"\(symbol)\": <size>])` in Swift before running the model",
                                 at: declaration.location)
            }
            guard type.byteCount != nil else {
                throw Diagnostic("\(role) %\(declaration.name) of type \(type) is too large to allocate", at: declaration.location)
            }
            types[declaration.name] = type
        }
        return types
    }
}
