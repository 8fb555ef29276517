/// Statements of the graph body: parameters and nodes.
extension Parser {
    /// Parses `%w = param f32[...]` or `%a[, %b...] = op [operands] [{attributes}] : types`.
    mutating func parseStatement(into graph: inout Graph) throws {
        var results: [NamedToken] = [try expectValueName("a value name")]
        while try consume(.comma) {
            results.append(try expectValueName("a value name after ','"))
        }
        let names = results.map { Self.valueName($0.name) }.joined(separator: ", ")
        try expect(.equals, "'=' after \(names)")
        guard case .identifier(let opName) = token.kind else { throw expected("an op name or 'param' after '='") }
        let opToken = try advance()
        if opName == "param" {
            graph.parameters.append(try parseParameter(results))
        } else {
            graph.nodes.append(try parseNode(results, opName: opName, opToken: opToken))
        }
    }

    /// Parses the type of `%w = param f32[...]` (after `param`) for the one name in `results`.
    mutating func parseParameter(_ results: [NamedToken]) throws -> ValueDeclaration {
        guard let parameter = results.first, results.count == 1 else {
            throw Diagnostic("'param' declares one value, but \(results.count) names are given",
                             at: results.last?.token.location)
        }
        if token.isPunctuation(.leftBrace) {
            throw Diagnostic("'param' takes no attributes; write \(Self.valueName(parameter.name)) = param f32[...]",
                             at: token.location)
        }
        let type = try parseType("after 'param'")
        return ValueDeclaration(name: parameter.name, type: type, location: parameter.token.location)
    }

    /// Parses a node after its op name: operands, attributes, `:` and one type per result.
    mutating func parseNode(_ results: [NamedToken], opName: String, opToken: Token) throws -> Node {
        guard let op = OpKind(rawValue: opName) else {
            throw Diagnostic(NameSuggestions.unknownOpMessage(opName), at: opToken.location)
        }
        let nodeName = results[0].name
        var operands: [String] = []
        if case .valueName = token.kind {
            operands.append(try expectValueName("an operand").name)
            while try consume(.comma) {
                operands.append(try expectValueName("an operand after ','").name)
            }
        }
        let hasAttributes = token.isPunctuation(.leftBrace)
        let attributes = hasAttributes ? try parseAttributes(of: op, node: nodeName) : Attributes()
        let beforeColon: String
        if hasAttributes {
            beforeColon = "':' and the result types after the attributes of \(Self.valueName(nodeName))"
        } else if let last = operands.last {
            beforeColon = "',', '{' or ':' after operand \(Self.valueName(last))"
        } else {
            beforeColon = "an operand, '{' or ':' after '\(opName)'"
        }
        try expect(.colon, beforeColon)
        var declarations: [ValueDeclaration] = []
        for (index, result) in results.enumerated() {
            if index > 0 {
                try expect(.comma, "',' and a type for each of the \(results.count) results of \(Self.valueName(nodeName))")
            }
            let type = try parseType("for \(Self.valueName(result.name))")
            declarations.append(ValueDeclaration(name: result.name, type: type, location: result.token.location))
        }
        if token.isPunctuation(.comma) {
            throw Diagnostic("\(Self.valueName(nodeName)) declares \(Self.counted(results.count, "result")) but more types are given",
                             at: token.location)
        }
        return Node(op: op, operands: operands, attributes: attributes, results: declarations,
                    location: results[0].token.location)
    }
}
