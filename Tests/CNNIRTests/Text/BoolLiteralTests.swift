import Testing
import CNNIR

/// The `bool` element type in the text format: types, `true`/`false` dense literals, and their
/// canonical printing.
@Suite struct BoolLiteralTests {
    /// The literal of a constant written `text` (a `dense<...> : type`).
    static func literal(_ text: String) throws -> TensorLiteral? {
        let graph = try IRParser.parse("graph @g() {\n  %c = constant {value = \(text)} : f32[1]\n  return %c\n}\n", file: "t.ir")
        guard case .tensor(let literal) = graph.nodes.first?.attributes["value"] else { return nil }
        return literal
    }

    /// The message of the diagnostic parsing a constant written `text` throws.
    static func literalError(_ text: String) -> String? {
        do {
            _ = try literal(text)
            return nil
        } catch {
            return String(describing: error)
        }
    }

    @Test func boolLiteralsHoldTrueAndFalse() throws {
        let literal = try #require(try Self.literal("dense<[[true, false], [false, true]]> : bool[2,2]"))
        #expect(literal == TensorLiteral(shape: Shape([2, 2]), booleans: [true, false, false, true]))
        #expect(literal.booleans == [true, false, false, true])
        #expect(literal.doubles == [1, 0, 0, 1])
        #expect(try Self.literal("dense<true> : bool[3]")?.booleans == [true, true, true])
        #expect(try Self.literal("dense<false> : bool[]")?.booleans == [false])
    }

    @Test func elementsMustFitTheLiteralsType() {
        #expect(Self.literalError("dense<[1, 0]> : bool[2]") == "t.ir:2:33: error: expected true or false in a bool literal, found 1")
        #expect(Self.literalError("dense<[true, 2.5]> : f32[2]") == "t.ir:2:33: error: expected a number in a f32 literal, found true")
        #expect(Self.literalError("dense<false> : i64[]") == "t.ir:2:32: error: expected an integer in an i64 literal, found false")
        #expect(Self.literalError("dense<[[true]]> : bool[1]")
                == "t.ir:2:33: error: expected true or false at depth 1 of bool[1], found a list")
    }

    @Test func boolGraphsPrintCanonicallyAndRoundTrip() throws {
        let text = """
        graph @mask(%x: f32[2,3], %t: f32[]) -> (bool[2,3], f32[2,3]) {
          %m = constant {value = dense<[true,false,true]> : bool[3]} : bool[3]
          %g = greater %x, %t : bool[2,3]
          %both = equal %g, %m : bool[2,3]
          %none = constant {value = dense<false> : bool[2,3]} : bool[2,3]
          %y = where %both, %x, %t : f32[2,3]
          return %both, %y
        }

        """
        let graph = try IRParser.parse(text, file: "mask.ir")
        try Verifier.verify(graph)
        #expect(IRPrinter.print(graph) == text)
        #expect(try IRParser.parse(IRPrinter.print(graph), file: "again.ir") == graph)
        #expect(graph.inputs[0].type.dtype == .f32 && graph.nodes[1].results[0].type == TensorType(.bool, [2, 3]))
    }

    @Test func theVerifierRejectsABoolLiteralHoldingOtherNumbers() {
        let literal = TensorLiteral(type: TensorType(.bool, [2]), storage: .integer([1, 2]))
        let node = Node(op: .constant, operands: [], attributes: ["value": .tensor(literal)],
                        results: [ValueDeclaration(name: "c", type: TensorType(.bool, [2]))])
        let problems = Verifier.diagnostics(for: Graph(name: "g", nodes: [node], outputs: ["c"])).map(\.message)
        #expect(problems == ["value of type bool[2] must hold true and false (1 and 0), found other numbers"])
    }
}
