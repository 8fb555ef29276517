import Foundation
import Testing
@testable import CNNIR

@Suite("IR parser")
struct ParserTests {
    /// Parses `text` as `t.ir`.
    static func parse(_ text: String) throws -> Graph {
        try IRParser.parse(text, file: "t.ir")
    }

    /// The attributes of the only node of a graph whose body is `line`.
    static func attributes(of line: String, input: String = "f32[1,3,8,8]") throws -> Attributes {
        let graph = try parse(TextFixtures.graph("  " + line, input: input))
        return try #require(graph.nodes.first).attributes
    }

    @Test func lenet5GraphStructure() throws {
        let graph = try Self.parse(TextFixtures.lenet5)
        #expect(graph.name == "lenet5")
        #expect(graph.inputs == [ValueDeclaration(name: "x", type: TensorType(.f32, [.named("N"), 1, 28, 28]))])
        #expect(graph.weightsFile == "lenet5.safetensors")
        #expect(graph.parameters.map(\.name) == ["c1.w", "c1.b", "c3.w", "c3.b", "f5.w", "f5.b", "f6.w", "f6.b", "f7.w", "f7.b"])
        #expect(graph.parameters[0].type == TensorType(.f32, [6, 1, 5, 5]))
        #expect(graph.nodes.count == 12)
        #expect(graph.outputs == ["11"])
        let conv = graph.nodes[0]
        #expect(conv.op == .conv)
        #expect(conv.operands == ["x", "c1.w", "c1.b"])
        #expect(conv.attributes == ["pads": .ints([2, 2, 2, 2])])
        #expect(conv.results == [ValueDeclaration(name: "0", type: TensorType(.f32, [.named("N"), 6, 28, 28]))])
        #expect(graph.nodes[6].attributes.isEmpty)
        #expect(graph.nodes[7].attributes == ["trans_b": .bool(true)])
    }

    @Test func lenet5PassesTheVerifier() throws {
        try Verifier.verify(try Self.parse(TextFixtures.lenet5))
    }

    @Test func locationsOfGraphValuesAndNodes() throws {
        let graph = try Self.parse(TextFixtures.lenet5)
        #expect(graph.location?.description == "t.ir:1:1")
        #expect(graph.inputs[0].location?.description == "t.ir:1:15")
        #expect(graph.parameters[1].location?.description == "t.ir:4:3")
        #expect(graph.nodes[2].location?.description == "t.ir:15:3")
        #expect(graph.nodes[2].results[0].location?.description == "t.ir:15:3")
    }

    @Test func headerWithoutResultTypesAndWithSeveral() throws {
        let bare = try Self.parse("graph @g(%a: f32[2], %b: i64[N]) {\n  return %a, %b\n}")
        #expect(bare.inputs.map(\.type) == [TensorType(.f32, [2]), TensorType(.i64, [.named("N")])])
        #expect(bare.outputs == ["a", "b"])
        let typed = try Self.parse("graph @g(%a: f32[2], %b: i64[N]) -> (f32[2], i64[N]) {\n  return %a, %b\n}")
        #expect(typed == bare)
        let empty = try Self.parse("graph @g() -> (f32[]) {\n  %y = constant {value = dense<1.5> : f32[]} : f32[]\n  return %y\n}")
        #expect(empty.inputs.isEmpty)
    }

    @Test func scalarAndNamedAndQuotedDimensions() throws {
        let graph = try Self.parse(#"graph @g(%s: f32[], %t: f64[batch,3,"h w"]) { return %s }"#)
        #expect(graph.inputs[0].type == TensorType(.f32, Shape([Int]())))
        #expect(graph.inputs[1].type == TensorType(.f64, [.named("batch"), 3, .named("h w")]))
    }

    @Test func quotedValueAndGraphNames() throws {
        let graph = try Self.parse(#"graph @"my net"(%"in put": f32[2]) { %"out.\"1\"" = relu %"in put" : f32[2] return %"out.\"1\"" }"#)
        #expect(graph.name == "my net")
        #expect(graph.inputs[0].name == "in put")
        #expect(graph.nodes[0].operands == ["in put"])
        #expect(graph.outputs == ["out.\"1\""])
    }

    @Test func commentsEverywhere() throws {
        let text = """
            # leading comment
            graph @g( // inputs follow
              %x: f32[2] # the input
            ) { // body
              %y = relu %x : f32[2] // activation
              return %y # done
            } // trailing
            """
        let graph = try Self.parse(text)
        #expect(graph.nodes.map(\.op) == [.relu])
        #expect(graph.nodes[0].location?.line == 5)
    }

    @Test func statementsNeedNoNewlines() throws {
        let graph = try Self.parse("graph @g(%x: f32[2]) { %w = param f32[2] %y = add %x, %w : f32[2] return %y }")
        #expect(graph.parameters.map(\.name) == ["w"])
        #expect(graph.nodes.map(\.operands) == [["x", "w"]])
    }

    @Test func paramsAfterNodesStayParams() throws {
        let graph = try Self.parse("graph @g(%x: f32[2]) {\n %y = relu %x : f32[2]\n %w = param f32[3]\n return %y\n}")
        #expect(graph.parameters == [ValueDeclaration(name: "w", type: TensorType(.f32, [3]))])
        #expect(graph.nodes.count == 1)
    }

    @Test func multipleResultsAndNoOperands() throws {
        let graph = try Self.parse("graph @g(%x: f32[2]) {\n  %a, %b = identity %x : f32[2], f64[2]\n  return %a, %b\n}")
        #expect(graph.nodes[0].results.map(\.name) == ["a", "b"])
        #expect(graph.nodes[0].results.map(\.type) == [TensorType(.f32, [2]), TensorType(.f64, [2])])
    }

    @Test func everyScalarAttributeKind() throws {
        #expect(try Self.attributes(of: "%y = conv %x, %x {groups = 3} : f32[1]") == ["groups": .int(3)])
        #expect(try Self.attributes(of: "%y = elu %x {alpha = 0.5} : f32[1]") == ["alpha": .float(0.5)])
        #expect(try Self.attributes(of: "%y = max_pool %x {kernel = [2,2], ceil_mode = true} : f32[1]")
                == ["kernel": .ints([2, 2]), "ceil_mode": .bool(true)])
        #expect(try Self.attributes(of: "%y = pad %x {pads = [0,0,1,1,0,0,1,1], mode = \"reflect\"} : f32[1]")
                == ["pads": .ints([0, 0, 1, 1, 0, 0, 1, 1]), "mode": .string("reflect")])
        #expect(try Self.attributes(of: "%y = resize %x {scales = [1, 1, 2.0, 2]} : f32[1]")
                == ["scales": .floats([1, 1, 2, 2])])
        #expect(try Self.attributes(of: "%y = clip %x {min = -inf, max = 6} : f32[1]") == ["max": .float(6)])
        #expect(try Self.attributes(of: "%y = clip %x {min = 0, max = inf} : f32[1]") == ["min": .float(0)])
    }

    @Test func attributesEqualToTheirDefaultsAreDropped() throws {
        #expect(try Self.attributes(of: "%y = conv %x, %x {groups = 1, strides = [], auto_pad = \"notset\"} : f32[1]").isEmpty)
        #expect(try Self.attributes(of: "%y = elu %x {} : f32[1]").isEmpty)
    }

    @Test func quotedAttributeNames() throws {
        #expect(try Self.attributes(of: "%y = elu %x {\"alpha\" = 2} : f32[1]") == ["alpha": .float(2)])
    }

    @Test func denseLiterals() throws {
        func literal(_ text: String) throws -> TensorLiteral? {
            let attributes = try Self.attributes(of: "%y = constant {value = \(text)} : f32[1]")
            guard case .tensor(let literal) = attributes["value"] else { return nil }
            return literal
        }
        #expect(try literal("dense<[[1, 2.5], [-3, 4e1]]> : f32[2,2]")
                == TensorLiteral(type: TensorType(.f32, [2, 2]), storage: .floating([1, 2.5, -3, 40])))
        #expect(try literal("dense<[[[1], [2]]]> : i64[1,2,1]")
                == TensorLiteral(type: TensorType(.i64, [1, 2, 1]), storage: .integer([1, 2])))
        #expect(try literal("dense<0.5> : f64[3]")
                == TensorLiteral(type: TensorType(.f64, [3]), storage: .floating([0.5, 0.5, 0.5])))
        #expect(try literal("dense<-7> : i64[]") == TensorLiteral(type: TensorType(.i64, Shape([Int]())), storage: .integer([-7])))
        #expect(try literal("dense<[]> : f32[0]") == TensorLiteral(type: TensorType(.f32, [0]), storage: .floating([])))
        #expect(try literal("dense<[[], []]> : f32[2,0]") == TensorLiteral(type: TensorType(.f32, [2, 0]), storage: .floating([])))
        #expect(try literal("dense<[inf, -inf]> : f32[2]")
                == TensorLiteral(type: TensorType(.f32, [2]), storage: .floating([.infinity, -.infinity])))
    }

    @Test func autoPadIsResolvedIntoPads() throws {
        let graph = try Self.parse("""
            graph @g(%x: f32[1,1,5,5], %w: f32[1,1,3,3]) {
              %y = conv %x, %w {auto_pad = "same_upper"} : f32[1,1,5,5]
              return %y
            }
            """)
        #expect(graph.nodes[0].attributes == ["pads": .ints([1, 1, 1, 1])])
    }

    @Test func redefinitionIsLeftToTheVerifier() throws {
        let graph = try Self.parse("graph @g(%x: f32[2]) {\n %x = relu %x : f32[2]\n %x = param f32[2]\n return %x\n}")
        #expect(graph.nodes.count == 1)
        #expect(throws: DiagnosticList.self) { try Verifier.verify(graph) }
    }

    @Test func parseFileReadsAndNamesTheFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cnnc-lenet-\(UUID().uuidString).ir")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(TextFixtures.lenet5.utf8).write(to: url)
        let graph = try Graph.parse(file: url.path)
        #expect(graph == (try Self.parse(TextFixtures.lenet5)))
        #expect(graph.location?.file == url.path)
    }

    @Test func closeMatchesForMisspelledOps() {
        #expect(NameSuggestions.closeMatches(to: "maxpool", among: OpKind.allCases.map(\.rawValue)) == ["max_pool"])
        #expect(NameSuggestions.closeMatches(to: "BatchNorm", among: OpKind.allCases.map(\.rawValue)) == ["batch_norm"])
        #expect(NameSuggestions.closeMatches(to: "relu6", among: OpKind.allCases.map(\.rawValue)) == ["relu"])
        #expect(NameSuggestions.closeMatches(to: "hardswish", among: OpKind.allCases.map(\.rawValue)) == ["hard_swish"])
        #expect(NameSuggestions.unknownOpMessage("sofmax") == "unknown op 'sofmax'; did you mean 'softmax'?")
        #expect(NameSuggestions.list(["a", "b", "c"], conjunction: "or") == "'a', 'b' or 'c'")
        #expect(NameSuggestions.list(["a"], conjunction: "or") == "'a'")
    }

    @Test func theExamplesInTheDocsParseAndVerify() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs/IR.md")
        let markdown = try String(contentsOf: docs, encoding: .utf8)
        let blocks = markdown.components(separatedBy: "```cnnc-ir\n").dropFirst().map { block in
            String(block[..<(block.range(of: "```")?.lowerBound ?? block.endIndex)])
        }
        #expect(blocks.count == 2)
        for block in blocks {
            try Verifier.verify(try IRParser.parse(block, file: "IR.md"))
            #expect(try TextFixtures.reprint(block) == block)
        }
        #expect(try IRParser.parse(blocks.last ?? "", file: "IR.md") == (try Self.parse(TextFixtures.lenet5)))
    }
}
