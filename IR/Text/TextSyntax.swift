/// The lexical rules of the IR text format that the lexer and the printer share: which characters
/// make up identifiers and value names, and how a name or string is quoted when it needs to be.
enum TextSyntax {
    /// Whether `scalar` may start an identifier (op names, keywords, attribute names, dtypes and
    /// named dimensions): an ASCII letter or `_`.
    static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        isASCIILetter(scalar) || scalar == "_"
    }

    /// Whether `scalar` may continue an identifier: an ASCII letter, digit or `_`.
    static func isIdentifierContinue(_ scalar: Unicode.Scalar) -> Bool {
        isIdentifierStart(scalar) || isASCIIDigit(scalar)
    }

    /// Whether `scalar` may appear in an unquoted `%value` or `@graph` name: an ASCII letter,
    /// digit, `_`, `.` or `-`.
    static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        isIdentifierContinue(scalar) || scalar == "." || scalar == "-"
    }

    /// Whether `scalar` is an ASCII decimal digit.
    static func isASCIIDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar)
    }

    /// Whether `scalar` is an ASCII letter.
    static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }

    /// Whether `scalar` is a control character (C0, DEL or C1).
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// Whether `text` can be written as a bare identifier.
    static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, isIdentifierStart(first) else { return false }
        return text.unicodeScalars.allSatisfy(isIdentifierContinue)
    }

    /// `text` as an identifier when it is one, otherwise as a quoted string.
    static func identifierOrQuoted(_ text: String) -> String {
        isIdentifier(text) ? text : quoted(text)
    }

    /// A value or graph name after its sigil (`%` or `@`): bare when every character is a name
    /// character, otherwise quoted, so that any name survives printing and parsing.
    static func name(_ text: String, sigil: Character) -> String {
        let isPlain = !text.isEmpty && text.unicodeScalars.allSatisfy(isNameCharacter)
        return String(sigil) + (isPlain ? text : quoted(text))
    }

    /// `text` as a string literal: in double quotes, with `\`, `"` and control characters escaped.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default:
                if isControl(scalar) {
                    result += "\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
