/// Parses the cnnc IR text format (see docs/IR.md) into a `Graph`.
///
/// ```
/// graph @lenet5(%x: f32[1,1,28,28]) -> f32[1,10] {
///   weights "lenet5.safetensors"
///   %c1.w = param f32[6,1,5,5]
///   %0 = conv %x, %c1.w {pads = [2,2,2,2]} : f32[1,6,28,28]
///   ...
///   return %9
/// }
/// ```
public enum IRParser {
    /// Parses one graph from `text`; `file` names the text in diagnostics.
    ///
    /// Attributes are normalized by their op's schema and `auto_pad` is resolved into explicit
    /// pads; the graph is not verified (run `Verifier.verify` for that). Every problem is thrown
    /// as a `Diagnostic` at `file:line:column` of the offending token, saying what was expected
    /// and what was found.
    public static func parse(_ text: String, file: String) throws -> Graph {
        var parser = try Parser(text: text, file: file)
        let graph = try parser.parseGraph()
        return try graph.resolvingAutoPads()
    }
}

/// The state of the recursive-descent parser: the lexer and one token of lookahead.
struct Parser {
    /// Where tokens come from.
    var lexer: Lexer
    /// The current (next unconsumed) token.
    var token: Token

    /// A `%name` and the token it was written with.
    typealias NamedToken = (name: String, token: Token)

    /// The deepest nesting of brackets accepted in a dense literal.
    static let maximumNestingDepth = 64

    /// Creates a parser positioned on the first token of `text`.
    init(text: String, file: String) throws {
        lexer = Lexer(text, file: file)
        token = try lexer.next()
    }

    /// Consumes the current token and returns it.
    @discardableResult
    mutating func advance() throws -> Token {
        let consumed = token
        token = try lexer.next()
        return consumed
    }

    /// An error at the current token: `expected <what>, found <token>`.
    func expected(_ what: String) -> Diagnostic {
        Diagnostic("expected \(what), found \(token)", at: token.location)
    }

    /// Consumes the current token if it is `punctuation`; returns whether it did.
    mutating func consume(_ punctuation: Punctuation) throws -> Bool {
        guard token.isPunctuation(punctuation) else { return false }
        try advance()
        return true
    }

    /// Consumes `punctuation` or throws `expected <what>, found <token>`.
    @discardableResult
    mutating func expect(_ punctuation: Punctuation, _ what: String) throws -> Token {
        guard token.isPunctuation(punctuation) else { throw expected(what) }
        return try advance()
    }

    /// Consumes a `%name` and returns its declaration token and name, or throws `expected <what>`.
    mutating func expectValueName(_ what: String) throws -> (name: String, token: Token) {
        guard case .valueName(let name) = token.kind else { throw expected(what) }
        return (name, try advance())
    }

    /// How a value name is written in messages: `%name`, quoted if needed.
    static func valueName(_ name: String) -> String {
        TextSyntax.name(name, sigil: "%")
    }

    /// `count` followed by `noun`, pluralized: `1 value`, `2 values`.
    static func counted(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }
}
