import Testing
import CNNIR

@Suite struct VerifierTests {
    /// A location on `line` of model.ir.
    static func line(_ line: Int) -> CNNIR.SourceLocation { CNNIR.SourceLocation(file: "model.ir", line: line, column: 3) }

    /// A node on `line` defining `name` of `type`.
    static func node(_ op: OpKind, _ name: String, _ operands: [String], _ type: TensorType, _ attributes: Attributes = [:],
                     line: Int) -> Node {
        Node(op: op, operands: operands, attributes: attributes,
             results: [ValueDeclaration(name: name, type: type, location: Self.line(line))], location: Self.line(line))
    }

    /// A graph with input %x: f32[1,3,8,8], parameters %w: f32[4,3,3,3] and %b: f32[4], `nodes`, returning `outputs`.
    static func graph(_ nodes: [Node], outputs: [String]) -> Graph {
        Graph(name: "net",
              inputs: [ValueDeclaration(name: "x", type: f32(1, 3, 8, 8), location: line(1))],
              parameters: [ValueDeclaration(name: "w", type: f32(4, 3, 3, 3), location: line(2)),
                           ValueDeclaration(name: "b", type: f32(4), location: line(3))],
              nodes: nodes, outputs: outputs, location: line(1))
    }

    /// The one-line descriptions of every problem of `graph`.
    static func problems(_ graph: Graph) -> [String] {
        do {
            try Verifier.verify(graph)
            return []
        } catch let list as DiagnosticList {
            return list.diagnostics.map(\.description)
        } catch {
            return ["unexpected error: \(error)"]
        }
    }

    @Test func validGraphPasses() throws {
        let graph = Self.graph([
            Self.node(.conv, "c", ["x", "w", "b"], f32(1, 4, 8, 8), ["pads": .ints([1, 1, 1, 1])], line: 4),
            Self.node(.relu, "r", ["c"], f32(1, 4, 8, 8), line: 5),
            Self.node(.maxPool, "p", ["r"], f32(1, 4, 4, 4), ["kernel": .ints([2, 2]), "strides": .ints([2, 2])], line: 6),
        ], outputs: ["p"])
        try Verifier.verify(graph)
        #expect(Verifier.diagnostics(for: graph).isEmpty)
    }

    @Test func declaredTypeMustMatchInference() {
        let graph = Self.graph([Self.node(.conv, "c", ["x", "w", "b"], f32(1, 4, 8, 8), line: 4)], outputs: ["c"])
        #expect(Self.problems(graph) == ["model.ir:4:3: error: node %c (conv): declared f32[1,4,8,8], inferred f32[1,4,6,6]"])
    }

    @Test func valuesDefinedTwice() {
        var graph = Self.graph([Self.node(.relu, "w", ["x"], f32(1, 3, 8, 8), line: 4)], outputs: ["w"])
        graph.parameters.append(ValueDeclaration(name: "x", type: f32(1), location: Self.line(3)))
        #expect(Self.problems(graph) == [
            "model.ir:3:3: error: node %x (param): value %x is defined twice (first defined at model.ir:1:3)",
            "model.ir:4:3: error: node %w (relu): value %w is defined twice (first defined at model.ir:2:3)",
        ])
    }

    @Test func operandsUsedBeforeDefinitionOrUndefined() {
        let graph = Self.graph([
            Self.node(.add, "s", ["x", "later"], f32(1, 3, 8, 8), line: 4),
            Self.node(.relu, "later", ["nowhere"], f32(1, 3, 8, 8), line: 5),
            Self.node(.sigmoid, "t", ["later"], f32(2), line: 6),
        ], outputs: ["s", "t"])
        #expect(Self.problems(graph) == [
            "model.ir:4:3: error: node %s (add): operand %later is used before its definition",
            "model.ir:5:3: error: node %later (relu): operand %nowhere is not defined",
            "model.ir:6:3: error: node %t (sigmoid): declared f32[2], inferred f32[1,3,8,8]",
        ])
    }

    @Test func operandCountAndResultCount() {
        var twoResults = Self.node(.relu, "a", ["x"], f32(1, 3, 8, 8), line: 5)
        twoResults.results.append(ValueDeclaration(name: "a2", type: f32(1, 3, 8, 8)))
        let graph = Self.graph([Self.node(.conv, "c", ["x"], f32(1, 4, 6, 6), line: 4), twoResults], outputs: ["a"])
        #expect(Self.problems(graph) == [
            "model.ir:4:3: error: node %c (conv): conv takes 2 or 3 operands (x, weight, bias?), found 1",
            "model.ir:5:3: error: node %a (relu): declares 2 results, but relu produces 1",
        ])
    }

    @Test func attributeProblemsAreEachReported() {
        let graph = Self.graph([
            Self.node(.maxPool, "p", ["x"], f32(1, 3, 4, 4), ["stride": .ints([2, 2]), "ceil_mode": .int(1)], line: 4),
        ], outputs: ["p"])
        #expect(Self.problems(graph) == [
            "model.ir:4:3: error: node %p (max_pool): attribute 'ceil_mode' of max_pool must be true or false, found an integer",
            "model.ir:4:3: error: node %p (max_pool): unknown attribute 'stride' for max_pool; known attributes: kernel, strides, pads, dilations, ceil_mode, auto_pad, storage_order",
            "model.ir:4:3: error: node %p (max_pool): missing required attribute 'kernel' (a list of integers)",
        ])
    }

    @Test func inferenceErrorsCarryTheNode() {
        let graph = Self.graph([Self.node(.conv, "c", ["x", "w"], f32(1, 4, 6, 6), ["groups": .int(2)], line: 7)], outputs: ["c"])
        #expect(Self.problems(graph) == ["model.ir:7:3: error: node %c (conv): groups (2) must divide input channels (3)"])
    }

    @Test func outputsMustExist() {
        #expect(Self.problems(Self.graph([], outputs: ["y"])) == ["model.ir:1:3: error: output %y is not defined"])
        #expect(Self.problems(Self.graph([], outputs: [])) == ["model.ir:1:3: error: graph @net has no outputs"])
    }

    @Test func constantLiteralMustFitItsType() {
        let literal = TensorLiteral(type: f32(3), storage: .floating([1, 2]))
        let graph = Self.graph([Self.node(.constant, "k", [], f32(3), ["value": .tensor(literal)], line: 4)], outputs: ["k"])
        #expect(Self.problems(graph) == ["model.ir:4:3: error: node %k (constant): value has 2 elements but its type f32[3] needs 3"])
    }

    @Test func everyProblemIsReportedOnceWithoutCascades() {
        let graph = Self.graph([
            Self.node(.conv, "c", ["x", "missing"], f32(1, 4, 6, 6), line: 4),
            Self.node(.relu, "r", ["c"], f32(1, 4, 6, 6), line: 5),
            Self.node(.add, "s", ["r", "x"], f32(1, 4, 6, 6), line: 6),
        ], outputs: ["s", "gone"])
        #expect(Self.problems(graph) == [
            "model.ir:4:3: error: node %c (conv): operand %missing is not defined",
            "model.ir:6:3: error: node %s (add): cannot broadcast a f32[1,4,6,6] with b f32[1,3,8,8]: sizes 4 and 3 differ on output axis 1 and neither is 1",
            "model.ir:1:3: error: output %gone is not defined",
        ])
    }
}
