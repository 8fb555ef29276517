/// Splits IR text into tokens, one at a time, tracking the line and column of each.
///
/// Whitespace (space, tab, newline, carriage return) and comments (`//` or `#` to the end of the
/// line) separate tokens. Every other control character, and any character that cannot start a
/// token, is an error. Columns are counted in Unicode scalars from 1.
struct Lexer {
    /// The file name used in locations.
    let file: String
    /// The input.
    let scalars: [Unicode.Scalar]
    /// The index of the next unread scalar.
    var index = 0
    /// The line of the next unread scalar.
    var line = 1
    /// The column of the next unread scalar.
    var column = 1

    /// Creates a lexer over `text`; a leading byte-order mark is skipped.
    init(_ text: String, file: String) {
        self.file = file
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        self.scalars = scalars
    }

    /// The next token, or `.endOfInput` (repeatedly) once the input is used up.
    mutating func next() throws -> Token {
        try skipWhitespaceAndComments()
        let start = index
        let location = currentLocation
        guard let scalar = peek() else { return Token(kind: .endOfInput, location: location, spelling: "") }
        let kind: TokenKind
        switch scalar {
        case "%":
            advance()
            kind = .valueName(try lexName(after: "%", at: location))
        case "@":
            advance()
            kind = .graphName(try lexName(after: "@", at: location))
        case "\"":
            kind = .string(try lexString())
        case "-" where peek(1) == ">":
            advance(2)
            kind = .punctuation(.arrow)
        case "-", "+":
            kind = try lexSignedNumber(at: location)
        case _ where TextSyntax.isASCIIDigit(scalar):
            kind = try lexNumber(from: start, at: location)
        case _ where TextSyntax.isIdentifierStart(scalar):
            kind = .identifier(lexIdentifier())
        default:
            guard let punctuation = Punctuation(rawValue: String(scalar)) else {
                throw Diagnostic(Self.describeUnexpected(scalar), at: location)
            }
            advance()
            kind = .punctuation(punctuation)
        }
        return Token(kind: kind, location: location, spelling: text(from: start))
    }

    /// The location of the next unread scalar.
    var currentLocation: SourceLocation { SourceLocation(file: file, line: line, column: column) }

    /// The scalar `offset` places ahead, if any.
    func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        let position = index + offset
        return position < scalars.count ? scalars[position] : nil
    }

    /// Consumes `count` scalars, keeping the line and column up to date.
    mutating func advance(_ count: Int = 1) {
        for _ in 0..<count where index < scalars.count {
            if scalars[index] == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index += 1
        }
    }

    /// The source text from `start` to the current position.
    func text(from start: Int) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[start..<index])
        return String(view)
    }

    /// Consumes scalars while `predicate` holds.
    mutating func advance(while predicate: (Unicode.Scalar) -> Bool) {
        while let scalar = peek(), predicate(scalar) { advance() }
    }

    /// Consumes an identifier and returns it.
    mutating func lexIdentifier() -> String {
        let start = index
        advance(while: TextSyntax.isIdentifierContinue)
        return text(from: start)
    }

    /// Consumes the name after `%` or `@`: name characters, or a quoted string (which may be
    /// empty, so that every name the printer writes reads back).
    mutating func lexName(after sigil: Character, at location: SourceLocation) throws -> String {
        if peek() == "\"" { return try lexString() }
        let start = index
        advance(while: TextSyntax.isNameCharacter)
        let name = text(from: start)
        guard name.isEmpty else { return name }
        throw Diagnostic("expected a name after '\(sigil)', found \(Self.describeFound(peek()))", at: location)
    }

    /// Skips whitespace and comments; throws on a control character or a lone `/`.
    mutating func skipWhitespaceAndComments() throws {
        while let scalar = peek() {
            switch scalar {
            case " ", "\t", "\n", "\r":
                advance()
            case "#":
                try skipComment()
            case "/" where peek(1) == "/":
                try skipComment()
            case "/":
                throw Diagnostic("unexpected character '/'; comments start with '//'", at: currentLocation)
            default:
                return
            }
        }
    }

    /// Skips a comment up to (not including) the end of the line.
    mutating func skipComment() throws {
        while let scalar = peek(), scalar != "\n" {
            if TextSyntax.isControl(scalar) && scalar != "\t" && scalar != "\r" {
                throw Diagnostic(Self.describeUnexpected(scalar), at: currentLocation)
            }
            advance()
        }
    }

    /// The message for a character that cannot start a token.
    static func describeUnexpected(_ scalar: Unicode.Scalar) -> String {
        let code = codePoint(scalar)
        if TextSyntax.isControl(scalar) { return "unexpected control character \(code)" }
        if scalar == "\u{FFFD}" { return "unexpected character \(code) (the input was not valid UTF-8 here)" }
        return "unexpected character '\(scalar)' (\(code))"
    }
}
