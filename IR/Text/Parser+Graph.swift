/// The graph: header, body and `return`.
extension Parser {
    /// Parses `graph @name(inputs) [-> result types] { body }` and the end of input.
    ///
    /// Declared result types are compared with the types written for the returned values.
    mutating func parseGraph() throws -> Graph {
        guard token.isIdentifier("graph") else { throw expected("'graph' at the start of the input") }
        let graphToken = try advance()
        guard case .graphName(let name) = token.kind else { throw expected("a graph name such as @model after 'graph'") }
        try advance()
        var graph = Graph(name: name, location: graphToken.location)
        try expect(.leftParen, "'(' and the graph inputs after \(TextSyntax.name(name, sigil: "@"))")
        graph.inputs = try parseInputs()
        let resultTypes = try consume(.arrow) ? try parseResultTypes() : nil
        try expect(.leftBrace, resultTypes == nil ? "'->' and the result types, or '{', after the graph inputs"
                                                  : "'{' after the result types")
        let (returnToken, returned) = try parseBody(into: &graph)
        graph.outputs = returned.map(\.name)
        guard token.kind == .endOfInput else { throw expected("end of input after the graph's closing '}'") }
        if let resultTypes {
            try check(returned, of: graph, against: resultTypes, returnToken: returnToken)
        }
        return graph
    }

    /// Parses the inputs after `(` up to and including `)`: `%x: f32[1,3,224,224], ...`.
    mutating func parseInputs() throws -> [ValueDeclaration] {
        var inputs: [ValueDeclaration] = []
        if try consume(.rightParen) { return inputs }
        while true {
            let (name, nameToken) = try expectValueName("a graph input such as %x: f32[1,3,224,224]")
            try expect(.colon, "':' and a type after input \(Self.valueName(name))")
            let type = try parseType("for input \(Self.valueName(name))")
            inputs.append(ValueDeclaration(name: name, type: type, location: nameToken.location))
            if try consume(.comma) { continue }
            try expect(.rightParen, "',' or ')' after input \(Self.valueName(name))")
            return inputs
        }
    }

    /// Parses the result types after `->`: one type, or a parenthesized list of types.
    mutating func parseResultTypes() throws -> [TensorType] {
        guard try consume(.leftParen) else { return [try parseType("after '->'")] }
        var types: [TensorType] = []
        repeat {
            types.append(try parseType("in the result types"))
        } while try consume(.comma)
        try expect(.rightParen, "',' or ')' after a result type")
        return types
    }

    /// Parses the statements of the body up to and including the closing `}`, and returns the
    /// `return` token and the returned values.
    mutating func parseBody(into graph: inout Graph) throws -> (Token, [NamedToken]) {
        var hasStatements = false
        while true {
            switch token.kind {
            case .identifier("weights"):
                try parseWeights(into: &graph, afterStatements: hasStatements)
            case .identifier("return"):
                return try parseReturn()
            case .valueName:
                try parseStatement(into: &graph)
                hasStatements = true
            case .punctuation(.rightBrace):
                throw Diagnostic("missing 'return': the graph body must end with 'return' and the returned values",
                                 at: token.location)
            default:
                throw expected("a statement ('%name = ...'), 'weights' or 'return' in the graph body")
            }
        }
    }

    /// Parses `weights "file.safetensors"`, which may appear once, before any statement.
    mutating func parseWeights(into graph: inout Graph, afterStatements: Bool) throws {
        if graph.weightsFile != nil {
            throw Diagnostic("the weights file is already named; 'weights' may appear only once", at: token.location)
        }
        if afterStatements {
            throw Diagnostic("'weights' must come first in the graph body, before any param or node", at: token.location)
        }
        try advance()
        guard case .string(let path) = token.kind else { throw expected("a file name in quotes after 'weights'") }
        try advance()
        graph.weightsFile = path
    }

    /// Parses `return %a, %b` and the closing `}`.
    mutating func parseReturn() throws -> (Token, [NamedToken]) {
        let returnToken = try advance()
        var returned: [NamedToken] = [try expectValueName("a value name after 'return'")]
        while try consume(.comma) {
            returned.append(try expectValueName("a value name after ','"))
        }
        try expect(.rightBrace, "',' or '}' after the returned values")
        return (returnToken, returned)
    }

    /// Throws when the declared result types differ in number from the returned values, or from
    /// the type written for a returned value. Values not defined in the graph are left to the verifier.
    func check(_ returned: [NamedToken], of graph: Graph, against resultTypes: [TensorType],
               returnToken: Token) throws {
        guard resultTypes.count == returned.count else {
            throw Diagnostic("the graph declares \(Self.counted(resultTypes.count, "result type")) but returns "
                             + Self.counted(returned.count, "value"), at: returnToken.location)
        }
        let types = graph.valueTypes
        for (index, value) in returned.enumerated() {
            guard let type = types[value.name], type != resultTypes[index] else { continue }
            throw Diagnostic("returned value \(Self.valueName(value.name)) has type \(IRPrinter.type(type)), but the graph "
                             + "declares \(IRPrinter.type(resultTypes[index])) for result \(index + 1)",
                             at: value.token.location)
        }
    }
}
