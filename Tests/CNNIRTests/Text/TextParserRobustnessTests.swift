import Testing
@testable import CNNIR

@Suite("IR parser robustness")
struct TextParserRobustnessTests {
    /// A second seed text exercising auto_pad resolution, dense literals and strings.
    static let windows = """
        graph @windows(%x: f32[1,2,9,9], %w: f32[4,2,3,3]) -> (f32[1,4,5,5], f32[1,2,5,5]) {
          %k = constant {value = dense<[[1, 2], [3, 4]]> : f32[2,2]} : f32[2,2]
          %c = conv %x, %w {auto_pad = "same_upper", strides = [2,2]} : f32[1,4,5,5]
          %p = max_pool %x {auto_pad = "same_lower", kernel = [3,3], strides = [2,2]} : f32[1,2,5,5]
          %q = avg_pool %x {auto_pad = "valid", kernel = [1,1], strides = [2,2], ceil_mode = true} : f32[1,2,5,5]
          %r = resize %q {mode = "linear", scales = [1.0, 1.0, 2.5, 2.5]} : f32[1,2,12,12]
          return %c, %p
        }

        """

    /// Parses `text`; records an issue unless it parses or fails with a located `Diagnostic`.
    static func expectParsesOrDiagnoses(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        do {
            _ = try IRParser.parse(text, file: "fuzz.ir")
        } catch let diagnostic as Diagnostic {
            let lineCount = text.unicodeScalars.reduce(1) { $0 + ($1 == "\n" ? 1 : 0) }
            let location = diagnostic.location
            #expect(location?.file == "fuzz.ir", "\(diagnostic)", sourceLocation: sourceLocation)
            #expect((1...lineCount).contains(location?.line ?? 0), "\(diagnostic)", sourceLocation: sourceLocation)
            #expect((location?.column ?? 0) >= 1, "\(diagnostic)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("not a Diagnostic: \(error) for \(text)", sourceLocation: sourceLocation)
        }
    }

    @Test func seedTextsParseAndVerify() throws {
        for text in [TextFixtures.lenet5, Self.windows] {
            try Verifier.verify(try IRParser.parse(text, file: "seed.ir"))
        }
    }

    @Test func everyTruncationIsADiagnostic() {
        for text in [TextFixtures.lenet5, Self.windows] {
            let scalars = Array(text.unicodeScalars)
            let lastBrace = scalars.lastIndex(of: "}") ?? scalars.count
            for length in 0...lastBrace {
                var prefix = String.UnicodeScalarView()
                prefix.append(contentsOf: scalars[..<length])
                #expect(TextFixtures.parseError(String(prefix)) != nil, "prefix of \(length) scalars parsed")
            }
        }
    }

    @Test func randomEditsNeverCrash() {
        var generator = SeededGenerator(seed: 42)
        let pieces: [String] = ["{", "}", "[", "]", "(", ")", ",", ":", "=", "<", ">", "->", "-", "%", "@", "\"", "\\",
                                "0", "-1", "99999999999999999999", "1e999", "1.", "nan", "inf", "dense<", "f16", "i64",
                                "\n", "\t", "\u{0}", "\u{FFFD}", "é", " ", "//", "#", "return", "param", "weights",
                                "conv", "auto_pad = \"same_upper\"", "strides = [0,0]", "kernel = [0,0]", "[[[[", "N"]
        for iteration in 0..<3000 {
            var scalars = Array((iteration % 2 == 0 ? TextFixtures.lenet5 : Self.windows).unicodeScalars)
            for _ in 0...Int(generator.next() % 3) {
                let position = Int(generator.next() % UInt64(scalars.count + 1))
                switch generator.next() % 3 {
                case 0 where position < scalars.count:
                    scalars.removeSubrange(position..<min(scalars.count, position + Int(generator.next() % 8) + 1))
                case 1:
                    let piece = pieces[Int(generator.next() % UInt64(pieces.count))]
                    scalars.insert(contentsOf: piece.unicodeScalars, at: position)
                default:
                    let other = Int(generator.next() % UInt64(scalars.count + 1))
                    let range = min(position, other)..<max(position, other)
                    scalars.insert(contentsOf: scalars[range].prefix(40), at: min(position, other))
                }
            }
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars)
            Self.expectParsesOrDiagnoses(String(view))
        }
    }

    @Test func randomBytesNeverCrash() {
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<500 {
            let bytes = (0..<Int(generator.next() % 200)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            Self.expectParsesOrDiagnoses(String(decoding: bytes, as: UTF8.self))
            Self.expectParsesOrDiagnoses("graph @g(%x: f32[1]) {\n" + String(decoding: bytes, as: UTF8.self))
        }
    }

    @Test func randomTokenSequencesNeverCrash() {
        var generator = SeededGenerator(seed: 99)
        let vocabulary = ["graph", "@g", "(", ")", "%x", "%y", ":", "f32", "[", "]", "1", "N", ",", "->", "{", "}", "=",
                          "relu", "conv", "constant", "param", "return", "weights", "\"w\"", "dense", "<", ">", "0.5",
                          "-inf", "true", "kernel", "value", "pads", "auto_pad", "\"same_upper\"", "i64"]
        for _ in 0..<3000 {
            let count = Int(generator.next() % 40)
            let text = "graph @g(%x: f32[1]) { " + (0..<count).map { _ in
                vocabulary[Int(generator.next() % UInt64(vocabulary.count))]
            }.joined(separator: " ")
            Self.expectParsesOrDiagnoses(text)
        }
    }

    @Test func largeGraphsParseQuickly() throws {
        let nodes = (0..<5000).map { "  %v\($0 + 1) = relu %v\($0) : f32[N,64]" }.joined(separator: "\n")
        let text = "graph @chain(%v0: f32[N,64]) -> f32[N,64] {\n\(nodes)\n  return %v5000\n}\n"
        let graph = try IRParser.parse(text, file: "chain.ir")
        #expect(graph.nodes.count == 5000)
        #expect(IRPrinter.print(graph) == text)
    }

    @Test func hugeAndDeepInputsAreDiagnosed() {
        let deep = "graph @g() { %k = constant {value = dense<" + String(repeating: "[", count: 1_000_000)
        #expect(TextFixtures.parseError(deep)?.message == "dense literal nested more than 64 levels deep")
        let splat = "graph @g() { %k = constant {value = dense<0.0> : f32[100000,100000,100000]} : f32[1] return %k }"
        #expect(TextFixtures.parseError(splat)?.message
                == "a dense literal may have at most 16777216 elements; put larger tensors in the weights file as a param")
        let overflowing = "graph @g() { %k = constant {value = dense<0.0> : f32[4294967296,4294967296]} : f32[1] return %k }"
        #expect(TextFixtures.parseError(overflowing)?.message
                == "a dense literal may have at most 16777216 elements; put larger tensors in the weights file as a param")
        let longName = "graph @g() { %y = " + String(repeating: "q", count: 200_000) + " }"
        #expect(TextFixtures.parseError(longName)?.location?.column == 19)
    }
}
