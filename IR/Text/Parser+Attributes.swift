/// A number as written: an integer, or a floating-point value (including `inf` and `nan`).
enum NumberLiteral {
    case integer(Int)
    case floating(Double)

    /// The value as a double.
    var doubleValue: Double {
        switch self {
        case .integer(let value): return Double(value)
        case .floating(let value): return value
        }
    }
}

/// Attribute dictionaries and values: `{pads = [1,1,1,1], alpha = 0.1, mode = "nearest"}`.
extension Parser {
    /// Parses `{name = value, ...}` for a node of `op` named `node`, and normalizes it with the
    /// op's schema. Errors in one attribute point at its name; errors about the whole set point
    /// at the `{`.
    mutating func parseAttributes(of op: OpKind, node: String) throws -> Attributes {
        let schema = op.schema
        let openToken = try advance()
        var given = Attributes()
        if try consume(.rightBrace) { return given }
        while true {
            let nameToken = token
            let name: String
            switch token.kind {
            case .identifier(let word): name = word
            case .string(let quoted): name = quoted
            default: throw expected("an attribute name")
            }
            try advance()
            if given[name] != nil { throw Diagnostic("duplicate attribute '\(name)'", at: nameToken.location) }
            try expect(.equals, "'=' after attribute name '\(name)'")
            let value = try parseAttributeValue(named: name)
            do {
                _ = try schema.normalize(Attributes([name: value]))
            } catch let diagnostic as Diagnostic {
                throw diagnostic.attributed(to: nameToken.location, node: node, op: op.rawValue)
            }
            given[name] = value
            if try consume(.comma) { continue }
            try expect(.rightBrace, "',' or '}' after attribute '\(name)'")
            break
        }
        do {
            return try schema.normalize(given)
        } catch let diagnostic as Diagnostic {
            throw diagnostic.attributed(to: openToken.location, node: node, op: op.rawValue)
        }
    }

    /// Parses one attribute value: a number, `true`/`false`, a string, a list of numbers or a
    /// `dense<...> : type` literal.
    mutating func parseAttributeValue(named name: String) throws -> AttributeValue {
        if let number = try parseNumberIfPresent() {
            switch number {
            case .integer(let value): return .int(value)
            case .floating(let value): return .float(value)
            }
        }
        switch token.kind {
        case .identifier("true"):
            try advance()
            return .bool(true)
        case .identifier("false"):
            try advance()
            return .bool(false)
        case .string(let text):
            try advance()
            return .string(text)
        case .punctuation(.leftBracket):
            return try parseNumberList(named: name)
        case .identifier("dense"):
            return .tensor(try parseDenseLiteral())
        default:
            throw expected("a value for attribute '\(name)' (a number, true, false, a string, a list or dense<...>)")
        }
    }

    /// Consumes a number (`3`, `-0.5`, `1e-5`, `inf`, `-inf`, `nan`) if the current token is one.
    mutating func parseNumberIfPresent() throws -> NumberLiteral? {
        let number: NumberLiteral
        switch token.kind {
        case .integer(let value): number = .integer(value)
        case .float(let value): number = .floating(value)
        case .identifier("inf"): number = .floating(.infinity)
        case .identifier("nan"): number = .floating(.nan)
        default: return nil
        }
        try advance()
        return number
    }

    /// Parses `[n, n, ...]`: a list of integers, or of floats when any element is a float.
    mutating func parseNumberList(named name: String) throws -> AttributeValue {
        try advance()
        var numbers: [NumberLiteral] = []
        if !(try consume(.rightBracket)) {
            repeat {
                guard let number = try parseNumberIfPresent() else { throw expected("a number in the list of '\(name)'") }
                numbers.append(number)
            } while try consume(.comma)
            try expect(.rightBracket, "',' or ']' in the list of '\(name)'")
        }
        var integers: [Int] = []
        for number in numbers {
            guard case .integer(let value) = number else { return .floats(numbers.map(\.doubleValue)) }
            integers.append(value)
        }
        return .ints(integers)
    }
}
