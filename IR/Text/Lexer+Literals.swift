/// Numbers and strings.
extension Lexer {
    /// Consumes a string literal starting at its opening `"`, resolving escapes.
    ///
    /// Strings end on the same line; control characters must be written as escapes.
    mutating func lexString() throws -> String {
        let start = currentLocation
        advance()
        var value = String.UnicodeScalarView()
        while true {
            guard let scalar = peek(), scalar != "\n", scalar != "\r" else {
                throw Diagnostic("unterminated string: expected '\"' before the end of the line", at: start)
            }
            switch scalar {
            case "\"":
                advance()
                return String(value)
            case "\\":
                value.append(try lexEscape())
            case _ where TextSyntax.isControl(scalar):
                throw Diagnostic("\(Self.describeFound(scalar)) in string; write it as an escape such as \\u{1}",
                                 at: currentLocation)
            default:
                value.append(scalar)
                advance()
            }
        }
    }

    /// Consumes an escape sequence starting at its `\`.
    mutating func lexEscape() throws -> Unicode.Scalar {
        let location = currentLocation
        advance()
        let escaped = peek()
        switch escaped {
        case "\\": advance(); return "\\"
        case "\"": advance(); return "\""
        case "n": advance(); return "\n"
        case "t": advance(); return "\t"
        case "r": advance(); return "\r"
        case "u": return try lexUnicodeEscape(at: location)
        default:
            throw Diagnostic("invalid escape in string: expected \\\\, \\\", \\n, \\t, \\r or \\u{...} after '\\', "
                             + "found \(Self.describeFound(escaped))", at: location)
        }
    }

    /// Consumes `u{XXXX}` (one to eight hex digits naming a Unicode scalar).
    mutating func lexUnicodeEscape(at location: SourceLocation) throws -> Unicode.Scalar {
        advance()
        guard peek() == "{" else {
            throw Diagnostic("expected '{' after '\\u' in string, found \(Self.describeFound(peek()))", at: currentLocation)
        }
        advance()
        let start = index
        advance(while: { $0.properties.isASCIIHexDigit })
        let digits = text(from: start)
        guard peek() == "}", (1...8).contains(digits.count) else {
            throw Diagnostic("expected one to eight hex digits and '}' in '\\u{...}', found \(Self.describeFound(peek()))",
                             at: currentLocation)
        }
        advance()
        guard let value = UInt32(digits, radix: 16), let scalar = Unicode.Scalar(value) else {
            throw Diagnostic("'\\u{\(digits)}' is not a valid Unicode scalar", at: location)
        }
        return scalar
    }

    /// Consumes a number or `inf`/`nan` after a leading `-` or `+`.
    mutating func lexSignedNumber(at location: SourceLocation) throws -> TokenKind {
        let start = index
        let isNegative = peek() == "-"
        let sign = isNegative ? "-" : "+"
        advance()
        guard let next = peek() else {
            throw Diagnostic("expected a number after '\(sign)', found end of input", at: location)
        }
        if TextSyntax.isASCIIDigit(next) { return try lexNumber(from: start, at: location) }
        guard TextSyntax.isIdentifierStart(next) else {
            throw Diagnostic("expected a number after '\(sign)', found \(Self.describeFound(next))", at: location)
        }
        switch lexIdentifier() {
        case "inf": return .float(isNegative ? -.infinity : .infinity)
        case "nan": return .float(.nan)
        case let word: throw Diagnostic("expected a number after '\(sign)', found '\(word)'", at: location)
        }
    }

    /// Consumes the rest of a number whose text (with any sign) begins at `start`: digits, an
    /// optional fraction and an optional exponent. Integers must fit in 64 bits; floating-point
    /// numbers must be finite.
    mutating func lexNumber(from start: Int, at location: SourceLocation) throws -> TokenKind {
        advance(while: TextSyntax.isASCIIDigit)
        var isFloat = false
        if peek() == "." {
            advance()
            try expectDigit(in: "the fraction", from: start)
            isFloat = true
        }
        if peek() == "e" || peek() == "E" {
            advance()
            if peek() == "+" || peek() == "-" { advance() }
            try expectDigit(in: "the exponent", from: start)
            isFloat = true
        }
        let spelling = text(from: start)
        if let next = peek(), TextSyntax.isIdentifierContinue(next) || next == "." {
            throw Diagnostic("unexpected character '\(next)' after number '\(spelling)'", at: currentLocation)
        }
        if isFloat {
            guard let value = Double(spelling), value.isFinite else {
                throw Diagnostic("number \(spelling) is out of range for a 64-bit float", at: location)
            }
            return .float(value)
        }
        guard let value = Int(spelling) else {
            throw Diagnostic("integer \(spelling) does not fit in 64 bits (\(Int.min)...\(Int.max))", at: location)
        }
        return .integer(value)
    }

    /// Consumes one or more digits of `part` of the number beginning at `start`, or throws.
    mutating func expectDigit(in part: String, from start: Int) throws {
        guard let next = peek(), TextSyntax.isASCIIDigit(next) else {
            throw Diagnostic("expected a digit in \(part) of number '\(text(from: start))', found \(Self.describeFound(peek()))",
                             at: currentLocation)
        }
        advance(while: TextSyntax.isASCIIDigit)
    }

    /// How a character (or the end of input) is named in a message.
    static func describeFound(_ scalar: Unicode.Scalar?) -> String {
        guard let scalar else { return "end of input" }
        switch scalar {
        case "\n", "\r": return "end of line"
        case _ where TextSyntax.isControl(scalar): return "control character " + codePoint(scalar)
        default: return "'\(scalar)'"
        }
    }

    /// `U+XXXX` for a scalar.
    static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
