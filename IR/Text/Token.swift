/// The punctuation of the IR text format.
enum Punctuation: String, Sendable, CaseIterable {
    case leftParen = "("
    case rightParen = ")"
    case leftBracket = "["
    case rightBracket = "]"
    case leftBrace = "{"
    case rightBrace = "}"
    case comma = ","
    case colon = ":"
    case equals = "="
    case arrow = "->"
    case leftAngle = "<"
    case rightAngle = ">"
}

/// What a token is, with its value.
enum TokenKind: Equatable, Sendable {
    /// An op name, keyword, dtype, attribute name or named dimension: `conv`, `graph`, `f32`, `N`.
    case identifier(String)
    /// A `%name` (the name without `%`, quotes and escapes resolved).
    case valueName(String)
    /// A `@name` (the name without `@`).
    case graphName(String)
    /// An integer literal, with its sign.
    case integer(Int)
    /// A floating-point literal (decimal, exponent, `-inf`, `-nan`; bare `inf` and `nan` are identifiers).
    case float(Double)
    /// A string literal, escapes resolved.
    case string(String)
    /// Punctuation.
    case punctuation(Punctuation)
    /// The end of the input.
    case endOfInput
}

/// One token of IR text: its kind and value, where it starts, and how it was spelled.
struct Token: Sendable, CustomStringConvertible {
    /// What the token is.
    var kind: TokenKind
    /// Where its first character is.
    var location: SourceLocation
    /// The source text of the token.
    var spelling: String

    /// The longest spelling quoted in an error message.
    private static let longestQuotedSpelling = 40

    /// How the token is named in error messages: its spelling in quotes, or `end of input`.
    var description: String {
        if kind == .endOfInput { return "end of input" }
        let scalars = spelling.unicodeScalars
        guard scalars.count > Self.longestQuotedSpelling else { return "'\(spelling)'" }
        var shortened = String.UnicodeScalarView()
        shortened.append(contentsOf: scalars.prefix(Self.longestQuotedSpelling))
        return "'\(String(shortened))...'"
    }

    /// Whether the token is the given punctuation.
    func isPunctuation(_ punctuation: Punctuation) -> Bool {
        kind == .punctuation(punctuation)
    }

    /// Whether the token is the given bare identifier or keyword.
    func isIdentifier(_ word: String) -> Bool {
        kind == .identifier(word)
    }
}
