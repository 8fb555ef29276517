/// The checks of one node against its op's schema and the values defined before it.
enum NodeVerifier {
    /// Every problem of `node`, given the values defined before it.
    static func problems(of node: Node, in scope: VerifierScope) -> [Diagnostic] {
        let schema = node.op.schema
        var problems: [Diagnostic] = []
        if node.results.isEmpty { problems.append(node.error("a node must define at least one result")) }
        var operandTypes: [TensorType] = []
        for operand in node.operands {
            if let type = scope.types[operand] {
                operandTypes.append(type)
            } else if scope.pendingResults.contains(operand) {
                problems.append(node.error("operand %\(operand) is used before its definition"))
            } else {
                problems.append(node.error("operand %\(operand) is not defined"))
            }
        }
        if let problem = schema.operandCountProblem(node.operands.count) { problems.append(node.error(problem)) }
        problems += attributeProblems(of: node, schema)
        guard problems.isEmpty else { return problems }
        return resultProblems(of: node, schema, operandTypes: operandTypes)
    }

    /// Unknown names, values of the wrong kind, and missing required attributes.
    private static func attributeProblems(of node: Node, _ schema: OpSchema) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        for (name, value) in node.attributes.values.sorted(by: { $0.key < $1.key }) {
            do {
                _ = try schema.normalize(Attributes([name: value]))
            } catch {
                problems.append(attributed(error, to: node))
            }
        }
        for spec in schema.attributes where spec.defaultValue == nil && node.attributes[spec.name] == nil {
            problems.append(node.error("missing required attribute '\(spec.name)' (\(spec.kind))"))
        }
        return problems
    }

    /// Inference problems, and declared result types that differ from the inferred ones.
    private static func resultProblems(of node: Node, _ schema: OpSchema, operandTypes: [TensorType]) -> [Diagnostic] {
        let inferred: [TensorType]
        do {
            let context = InferenceContext(op: node.op, operands: operandTypes,
                                           attributes: try schema.resolve(node.attributes), resultCount: node.results.count)
            inferred = try schema.inferTypes(context)
        } catch {
            return [attributed(error, to: node)]
        }
        guard inferred.count == node.results.count else {
            return [node.error("declares \(node.results.count) results, but \(node.op) produces \(inferred.count)")]
        }
        return zip(node.results, inferred).compactMap { declared, type in
            guard declared.type != type else { return nil }
            let which = node.results.count == 1 ? "" : "result %\(declared.name): "
            return node.error("\(which)declared \(declared.type), inferred \(type)")
        }
    }

    /// `error` as a diagnostic located at `node`.
    private static func attributed(_ error: any Error, to node: Node) -> Diagnostic {
        let diagnostic = error as? Diagnostic ?? Diagnostic(String(describing: error))
        return diagnostic.attributed(to: node.location, node: node.name, op: node.op.rawValue)
    }
}
