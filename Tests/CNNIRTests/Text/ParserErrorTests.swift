import Foundation
import Testing
@testable import CNNIR

/// One malformed input and the exact diagnostic it must produce.
struct ParserErrorCase: Sendable, CustomTestStringConvertible {
    var name: String
    var text: String
    var expected: String

    var testDescription: String { name }
}

@Suite("IR parser errors")
struct ParserErrorTests {
    static let header = "graph @g(%x: f32[1,3,8,8]) {\n"

    static let cases: [ParserErrorCase] = [
        ParserErrorCase(name: "empty input", text: "",
                        expected: "t.ir:1:1: error: expected 'graph' at the start of the input, found end of input"),
        ParserErrorCase(name: "only a comment", text: "// nothing here\n",
                        expected: "t.ir:2:1: error: expected 'graph' at the start of the input, found end of input"),
        ParserErrorCase(name: "missing graph name", text: "graph (%x: f32[1]) {",
                        expected: "t.ir:1:7: error: expected a graph name such as @model after 'graph', found '('"),
        ParserErrorCase(name: "missing closing brace", text: header + "  return %x\n",
                        expected: "t.ir:3:1: error: expected ',' or '}' after the returned values, found end of input"),
        ParserErrorCase(name: "missing return", text: header + "  %y = relu %x : f32[1,3,8,8]\n}\n",
                        expected: "t.ir:3:1: error: missing 'return': the graph body must end with 'return' and the returned values"),
        ParserErrorCase(name: "return of nothing", text: header + "  return\n}\n",
                        expected: "t.ir:3:1: error: expected a value name after 'return', found '}'"),
        ParserErrorCase(name: "text after the closing brace", text: header + "  return %x\n} extra\n",
                        expected: "t.ir:3:3: error: expected end of input after the graph's closing '}', found 'extra'"),
        ParserErrorCase(name: "bad type", text: "graph @g(%x: 12) {",
                        expected: "t.ir:1:14: error: expected a type such as f32[1,3,224,224] for input %x, found '12'"),
        ParserErrorCase(name: "unknown dtype", text: "graph @g(%x: f16[1]) {",
                        expected: "t.ir:1:14: error: unknown element type 'f16'; expected 'f32', 'f64', 'i64' or 'bool'"),
        ParserErrorCase(name: "unclosed shape", text: header + "  %y = relu %x : f32[1,3}\n",
                        expected: "t.ir:2:25: error: expected ',' or ']' in shape, found '}'"),
        ParserErrorCase(name: "negative dimension", text: "graph @g(%x: f32[1,-3]) {",
                        expected: "t.ir:1:20: error: a dimension must not be negative, found -3"),
        ParserErrorCase(name: "number run into a name", text: "graph @g(%x: f32[1x3]) {",
                        expected: "t.ir:1:19: error: unexpected character 'x' after number '1'"),
        ParserErrorCase(name: "integer overflow", text: "graph @g(%x: f32[99999999999999999999]) {",
                        expected: "t.ir:1:18: error: integer 99999999999999999999 does not fit in 64 bits "
                            + "(-9223372036854775808...9223372036854775807)"),
        ParserErrorCase(name: "float out of range", text: header + "  %y = leaky_relu %x {alpha = 1e400} : f32[1,3,8,8]\n",
                        expected: "t.ir:2:31: error: number 1e400 is out of range for a 64-bit float"),
        ParserErrorCase(name: "digit missing after the point", text: header + "  %y = elu %x {alpha = 1.} : f32[1]\n",
                        expected: "t.ir:2:26: error: expected a digit in the fraction of number '1.', found '}'"),
        ParserErrorCase(name: "unterminated string", text: "graph @g() {\n  weights \"w.safetensors\n}\n",
                        expected: "t.ir:2:11: error: unterminated string: expected '\"' before the end of the line"),
        ParserErrorCase(name: "invalid escape", text: "graph @g() {\n  weights \"a\\qb\"\n",
                        expected: "t.ir:2:13: error: invalid escape in string: expected \\\\, \\\", \\n, \\t, \\r or "
                            + "\\u{...} after '\\', found 'q'"),
        ParserErrorCase(name: "control byte", text: "graph @g(%x: f32[1])\u{01} {",
                        expected: "t.ir:1:21: error: unexpected control character U+0001"),
        ParserErrorCase(name: "invalid UTF-8 decoded as U+FFFD",
                        text: String(decoding: Array("graph @g(".utf8) + [0xFF], as: UTF8.self),
                        expected: "t.ir:1:10: error: unexpected character U+FFFD (the input was not valid UTF-8 here)"),
        ParserErrorCase(name: "lone slash", text: "graph @g() { / comment",
                        expected: "t.ir:1:14: error: unexpected character '/'; comments start with '//'"),
        ParserErrorCase(name: "percent without a name", text: "graph @g(% x: f32[1]) {",
                        expected: "t.ir:1:10: error: expected a name after '%', found ' '"),
        ParserErrorCase(name: "missing parenthesis after the graph name", text: "graph @g %x: f32[1]) {",
                        expected: "t.ir:1:10: error: expected '(' and the graph inputs after @g, found '%x'"),
        ParserErrorCase(name: "input without a colon", text: "graph @g(%x f32[1]) {",
                        expected: "t.ir:1:13: error: expected ':' and a type after input %x, found 'f32'"),
        ParserErrorCase(name: "missing comma between inputs", text: "graph @g(%x: f32[1] %y: f32[1]) {",
                        expected: "t.ir:1:21: error: expected ',' or ')' after input %x, found '%y'"),
        ParserErrorCase(name: "unknown op", text: header + "  %y = convv %x : f32[1,3,8,8]\n",
                        expected: "t.ir:2:8: error: unknown op 'convv'; did you mean 'conv'?"),
        ParserErrorCase(name: "unknown op without close match", text: header + "  %y = frobnicate %x : f32[1]\n",
                        expected: "t.ir:2:8: error: unknown op 'frobnicate' (the op set is listed in docs/IR-ops.md)"),
        ParserErrorCase(name: "missing equals", text: header + "  %y relu %x : f32[1,3,8,8]\n",
                        expected: "t.ir:2:6: error: expected '=' after %y, found 'relu'"),
        ParserErrorCase(name: "missing colon and type", text: header + "  %y = relu %x\n  return %y\n}\n",
                        expected: "t.ir:3:3: error: expected ',', '{' or ':' after operand %x, found 'return'"),
        ParserErrorCase(name: "missing comma between operands", text: header + "  %y = add %x %x : f32[1,3,8,8]\n",
                        expected: "t.ir:2:15: error: expected ',', '{' or ':' after operand %x, found '%x'"),
        ParserErrorCase(name: "unknown attribute", text: header + "  %y = relu %x {alpha = 0.5} : f32[1,3,8,8]\n",
                        expected: "t.ir:2:17: error: node %y (relu): unknown attribute 'alpha' for relu; it takes no attributes"),
        ParserErrorCase(name: "attribute of the wrong kind", text: header + "  %y = max_pool %x {kernel = 2} : f32[1,3,4,4]\n",
                        expected: "t.ir:2:21: error: node %y (max_pool): attribute 'kernel' of max_pool must be "
                            + "a list of integers, found an integer"),
        ParserErrorCase(name: "duplicate attribute", text: header + "  %y = elu %x {alpha = 0.5, alpha = 0.25} : f32[1,3,8,8]\n",
                        expected: "t.ir:2:29: error: duplicate attribute 'alpha'"),
        ParserErrorCase(name: "missing attribute value", text: header + "  %y = elu %x {alpha = } : f32[1,3,8,8]\n",
                        expected: "t.ir:2:24: error: expected a value for attribute 'alpha' (a number, true, false, "
                            + "a string, a list or dense<...>), found '}'"),
        ParserErrorCase(name: "string in a list", text: header + "  %y = max_pool %x {kernel = [2, \"3\"]} : f32[1]\n",
                        expected: "t.ir:2:34: error: expected a number in the list of 'kernel', found '\"3\"'"),
        ParserErrorCase(name: "attributes on a param", text: header + "  %w = param {x = 1} f32[3]\n",
                        expected: "t.ir:2:14: error: 'param' takes no attributes; write %w = param f32[...]"),
        ParserErrorCase(name: "param with two names", text: header + "  %w, %v = param f32[3]\n",
                        expected: "t.ir:2:7: error: 'param' declares one value, but 2 names are given"),
        ParserErrorCase(name: "more types than results", text: header + "  %y = relu %x : f32[1,3,8,8], f32[1]\n",
                        expected: "t.ir:2:30: error: %y declares 1 result but more types are given"),
        ParserErrorCase(name: "fewer types than results", text: header + "  %y, %z = relu %x : f32[1,3,8,8]\n  return %y\n}",
                        expected: "t.ir:3:3: error: expected ',' and a type for each of the 2 results of %y, found 'return'"),
        ParserErrorCase(name: "dense count mismatch",
                        text: header + "  %y = constant {value = dense<[1.0, 2.0, 3.0]> : f32[2]} : f32[2]\n",
                        expected: "t.ir:2:32: error: expected 2 elements for dimension 0 of f32[2], found 3"),
        ParserErrorCase(name: "dense nesting mismatch",
                        text: header + "  %y = constant {value = dense<[[1, 2], [3]]> : f32[2,2]} : f32[2,2]\n",
                        expected: "t.ir:2:41: error: expected 2 elements for dimension 1 of f32[2,2], found 1"),
        ParserErrorCase(name: "dense too shallow",
                        text: header + "  %y = constant {value = dense<[1, 2]> : f32[2,2]} : f32[2,2]\n",
                        expected: "t.ir:2:33: error: expected a list of 2 elements for dimension 1 of f32[2,2], found a number"),
        ParserErrorCase(name: "dense list for a scalar",
                        text: header + "  %y = constant {value = dense<[1]> : f32[]} : f32[]\n",
                        expected: "t.ir:2:32: error: expected a number for the scalar type f32[], found a list"),
        ParserErrorCase(name: "dense float in an i64 literal",
                        text: header + "  %y = constant {value = dense<[1, 2.5]> : i64[2]} : i64[2]\n",
                        expected: "t.ir:2:36: error: expected an integer in an i64 literal, found 2.5"),
        ParserErrorCase(name: "dense with a named dimension",
                        text: header + "  %y = constant {value = dense<0.0> : f32[N]} : f32[N]\n",
                        expected: "t.ir:2:39: error: the type of a dense literal must have a static shape, found f32[N]"),
        ParserErrorCase(name: "dense without its type",
                        text: header + "  %y = constant {value = dense<0.0>} : f32[]\n",
                        expected: "t.ir:2:36: error: expected ':' and the literal's type after 'dense<...>', found '}'"),
        ParserErrorCase(name: "dense nested too deep",
                        text: header + "  %y = constant {value = dense<" + String(repeating: "[", count: 100_000),
                        expected: "t.ir:2:96: error: dense literal nested more than 64 levels deep"),
        ParserErrorCase(name: "weights after a statement",
                        text: header + "  %w = param f32[3]\n  weights \"w.safetensors\"\n",
                        expected: "t.ir:3:3: error: 'weights' must come first in the graph body, before any param or node"),
        ParserErrorCase(name: "weights twice",
                        text: header + "  weights \"a.safetensors\"\n  weights \"b.safetensors\"\n",
                        expected: "t.ir:3:3: error: the weights file is already named; 'weights' may appear only once"),
        ParserErrorCase(name: "result type differs from the returned value",
                        text: "graph @g(%x: f32[1,3]) -> f32[1,4] {\n  return %x\n}\n",
                        expected: "t.ir:2:10: error: returned value %x has type f32[1,3], but the graph declares f32[1,4] for result 1"),
        ParserErrorCase(name: "result type count differs",
                        text: "graph @g(%x: f32[1,3]) -> (f32[1,3], f32[1,3]) {\n  return %x\n}\n",
                        expected: "t.ir:2:3: error: the graph declares 2 result types but returns 1 value"),
        ParserErrorCase(name: "missing opening brace", text: "graph @g(%x: f32[1]) return",
                        expected: "t.ir:1:22: error: expected '->' and the result types, or '{', after the graph inputs, found 'return'"),
    ]

    @Test("a malformed input fails with its exact message and location", arguments: cases)
    func malformedInput(_ errorCase: ParserErrorCase) {
        #expect(TextFixtures.parseError(errorCase.text)?.description == errorCase.expected)
    }

    @Test func everyCaseIsDistinct() {
        #expect(Set(Self.cases.map(\.expected)).count == Self.cases.count)
        #expect(Self.cases.count >= 25)
    }

    @Test func unreadableFileIsADiagnosticNamingThePath() {
        for path in ["/nonexistent/cnnc/model.ir", FileManager.default.temporaryDirectory.path] {
            #expect(throws: Diagnostic("cannot read IR file '\(path)': it does not exist or is not a readable file")) {
                _ = try Graph.parse(file: path)
            }
        }
    }

    @Test func invalidUTF8FileIsLocatedAtTheBadByte() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cnnc-bad-utf8-\(UUID().uuidString).ir")
        defer { try? FileManager.default.removeItem(at: url) }
        let bytes = Array("graph @g(%x: f32[1]) {\n  // caf".utf8) + [0xC3, 0x28] + Array("\n".utf8)
        try Data(bytes).write(to: url)
        let error = #expect(throws: Diagnostic.self) { _ = try Graph.parse(file: url.path) }
        #expect(error?.description == "\(url.path):2:9: error: the file is not valid UTF-8 text")
    }
}
