import Testing
@testable import CNNIR

@Suite("IR lexer")
struct LexerTests {
    /// Every token of `text` up to the end of input, as (kind, line, column).
    static func tokens(_ text: String) throws -> [(kind: TokenKind, line: Int, column: Int)] {
        var lexer = Lexer(text, file: "t.ir")
        var result: [(kind: TokenKind, line: Int, column: Int)] = []
        while true {
            let token = try lexer.next()
            result.append((token.kind, token.location.line, token.location.column))
            if token.kind == .endOfInput { return result }
        }
    }

    /// The kinds of the tokens of `text`, without the end of input.
    static func kinds(_ text: String) throws -> [TokenKind] {
        try tokens(text).map(\.kind).dropLast()
    }

    @Test func nodeLineTokensAndColumns() throws {
        let tokens = try Self.tokens("  %0 = conv %x, %c1.w {pads = [2,-2]} : f32[1,N]")
        let expected: [(TokenKind, Int)] = [
            (.valueName("0"), 3), (.punctuation(.equals), 6), (.identifier("conv"), 8), (.valueName("x"), 13),
            (.punctuation(.comma), 15), (.valueName("c1.w"), 17), (.punctuation(.leftBrace), 23),
            (.identifier("pads"), 24), (.punctuation(.equals), 29), (.punctuation(.leftBracket), 31),
            (.integer(2), 32), (.punctuation(.comma), 33), (.integer(-2), 34), (.punctuation(.rightBracket), 36),
            (.punctuation(.rightBrace), 37), (.punctuation(.colon), 39), (.identifier("f32"), 41),
            (.punctuation(.leftBracket), 44), (.integer(1), 45), (.punctuation(.comma), 46),
            (.identifier("N"), 47), (.punctuation(.rightBracket), 48), (.endOfInput, 49),
        ]
        #expect(tokens.map(\.kind) == expected.map(\.0))
        #expect(tokens.map(\.column) == expected.map(\.1))
        #expect(tokens.allSatisfy { $0.line == 1 })
    }

    @Test func linesAndColumnsAcrossCommentsNewlinesAndTabs() throws {
        let text = "graph // comment\r\n\t@g # another\n\n  ( ->\n"
        let tokens = try Self.tokens(text)
        #expect(tokens.map(\.kind) == [.identifier("graph"), .graphName("g"), .punctuation(.leftParen),
                                       .punctuation(.arrow), .endOfInput])
        #expect(tokens.map(\.line) == [1, 2, 4, 4, 5])
        #expect(tokens.map(\.column) == [1, 2, 3, 5, 1])
    }

    @Test func everyPunctuationMark() throws {
        #expect(try Self.kinds("( ) [ ] { } , : = -> < >") == Punctuation.allCases.map { .punctuation($0) })
    }

    @Test func numbers() throws {
        #expect(try Self.kinds("0 -3 +7 2.5 -0.25 1e-5 1E+3 6.02e23 -inf +inf 9223372036854775807 -9223372036854775808")
                == [.integer(0), .integer(-3), .integer(7), .float(2.5), .float(-0.25), .float(1e-5), .float(1000),
                    .float(6.02e23), .float(-.infinity), .float(.infinity), .integer(Int.max), .integer(Int.min)])
    }

    @Test func signedNanIsAFloat() throws {
        guard case .float(let value) = try Self.kinds("-nan").first else {
            Issue.record("-nan is not a float token")
            return
        }
        #expect(value.isNaN)
    }

    @Test func bareInfAndNanAreIdentifiers() throws {
        #expect(try Self.kinds("inf nan true dense") == [.identifier("inf"), .identifier("nan"), .identifier("true"),
                                                          .identifier("dense")])
    }

    @Test func stringEscapes() throws {
        #expect(try Self.kinds(#""a\"b\\c\n\t\r\u{1F600}\u{0}é""#) == [.string("a\"b\\c\n\t\r\u{1F600}\u{0}é")])
    }

    @Test func quotedAndPlainNames() throws {
        #expect(try Self.kinds(#"%"odd name" %layer1.0.conv-1 @"my graph" @resnet_50"#)
                == [.valueName("odd name"), .valueName("layer1.0.conv-1"), .graphName("my graph"), .graphName("resnet_50")])
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let tokens = try Self.tokens("\u{FEFF}graph")
        #expect(tokens.first?.kind == .identifier("graph"))
        #expect(tokens.first?.column == 1)
    }

    @Test func columnsCountUnicodeScalars() throws {
        let tokens = try Self.tokens("\"é😀\" %x")
        #expect(tokens[1].column == 6)
    }

    @Test func endOfInputRepeats() throws {
        var lexer = Lexer("x", file: "t.ir")
        _ = try lexer.next()
        #expect(try lexer.next().kind == .endOfInput)
        #expect(try lexer.next().kind == .endOfInput)
    }

    @Test func tokenSpellingInMessages() throws {
        var lexer = Lexer(#"%"a b" 1.50 "x""#, file: "t.ir")
        #expect(try lexer.next().description == #"'%"a b"'"#)
        #expect(try lexer.next().description == "'1.50'")
        #expect(try lexer.next().description == #"'"x"'"#)
        #expect(try lexer.next().description == "end of input")
        var long = Lexer(String(repeating: "a", count: 100), file: "t.ir")
        #expect(try long.next().description == "'" + String(repeating: "a", count: 40) + "...'")
    }

    @Test(arguments: [
        ("$", "t.ir:1:1: error: unexpected character '$' (U+0024)"),
        ("\u{7F}", "t.ir:1:1: error: unexpected control character U+007F"),
        ("// fine\n  \u{0}", "t.ir:2:3: error: unexpected control character U+0000"),
        ("# bad \u{1B} byte", "t.ir:1:7: error: unexpected control character U+001B"),
        ("\"tab\there\"", "t.ir:1:5: error: control character U+0009 in string; write it as an escape such as \\u{1}"),
        ("\"\\u{D800}\"", "t.ir:1:2: error: '\\u{D800}' is not a valid Unicode scalar"),
        ("\"\\u{}\"", "t.ir:1:5: error: expected one to eight hex digits and '}' in '\\u{...}', found '}'"),
        ("\"\\u12\"", "t.ir:1:4: error: expected '{' after '\\u' in string, found '1'"),
        ("-", "t.ir:1:1: error: expected a number after '-', found end of input"),
        ("-x", "t.ir:1:1: error: expected a number after '-', found 'x'"),
        ("+ 1", "t.ir:1:1: error: expected a number after '+', found ' '"),
        ("1e", "t.ir:1:3: error: expected a digit in the exponent of number '1e', found end of input"),
        ("1.5.2", "t.ir:1:4: error: unexpected character '.' after number '1.5'"),
        ("@ x", "t.ir:1:1: error: expected a name after '@', found ' '"),
        ("é", "t.ir:1:1: error: unexpected character 'é' (U+00E9)"),
    ])
    func lexicalError(text: String, expected: String) {
        var lexer = Lexer(text, file: "t.ir")
        let error = #expect(throws: Diagnostic.self) {
            while try lexer.next().kind != .endOfInput {}
        }
        #expect(error?.description == expected)
    }
}
