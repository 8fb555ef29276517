/// Tensor types: `f32[1,3,224,224]`, `i64[N]`, `f32[]`.
extension Parser {
    /// Parses a type; `context` completes the message when no type is found ("for input %x").
    mutating func parseType(_ context: String) throws -> TensorType {
        guard case .identifier(let word) = token.kind else {
            throw expected("a type such as f32[1,3,224,224] \(context)")
        }
        guard let dtype = DType(rawValue: word) else {
            let known = DType.allCases.map(\.rawValue)
            throw Diagnostic("unknown element type '\(word)'; expected \(NameSuggestions.list(known, conjunction: "or"))",
                             at: token.location)
        }
        try advance()
        try expect(.leftBracket, "'[' and the shape after '\(word)'")
        var dimensions: [Dimension] = []
        if try consume(.rightBracket) { return TensorType(dtype, Shape(dimensions)) }
        repeat {
            dimensions.append(try parseDimension())
        } while try consume(.comma)
        try expect(.rightBracket, "',' or ']' in shape")
        return TensorType(dtype, Shape(dimensions))
    }

    /// Parses one dimension: a non-negative size, a name such as `N`, or a quoted name.
    mutating func parseDimension() throws -> Dimension {
        switch token.kind {
        case .integer(let size):
            guard size >= 0 else { throw Diagnostic("a dimension must not be negative, found \(size)", at: token.location) }
            try advance()
            return .fixed(size)
        case .identifier(let name), .string(let name):
            try advance()
            return .named(name)
        default:
            throw expected("a dimension (a size, or a name such as N) in shape")
        }
    }
}
