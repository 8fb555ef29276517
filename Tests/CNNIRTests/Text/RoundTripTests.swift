import Testing
@testable import CNNIR

@Suite("IR print and parse round trip")
struct RoundTripTests {
    /// Prints `graph`, parses the text, and checks that the result equals `graph` and prints the
    /// same text again.
    static func expectRoundTrip(_ graph: Graph, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let text = IRPrinter.print(graph)
        let parsed = try IRParser.parse(text, file: "printed.ir")
        #expect(parsed == graph, "\(text)", sourceLocation: sourceLocation)
        #expect(IRPrinter.print(parsed) == text, sourceLocation: sourceLocation)
    }

    /// A graph of one node: inputs `%x0...` of type f32[2,3] feeding `op`, which returns `%y`.
    static func singleNodeGraph(_ op: OpKind, operandCount: Int, attributes: Attributes,
                                resultType: TensorType = TensorType(.f32, [2, 3])) -> Graph {
        let inputs = (0..<operandCount).map { ValueDeclaration(name: "x\($0)", type: TensorType(.f32, [2, 3])) }
        let node = Node(op: op, operands: inputs.map(\.name), attributes: attributes,
                        results: [ValueDeclaration(name: "y", type: resultType)])
        return Graph(name: "single", inputs: inputs, nodes: [node], outputs: ["y"])
    }

    /// A value of `spec`'s kind that differs from its default (string attributes keep theirs).
    static func plausibleValue(for spec: AttributeSpec) -> AttributeValue? {
        switch (spec.kind, spec.defaultValue) {
        case (.int, .int(let value)?): return .int(value + 1)
        case (.int, _): return .int(1)
        case (.float, .float(let value)?) where value.isFinite: return .float(value * 0.5 + 0.25)
        case (.float, _): return .float(1.5)
        case (.bool, .bool(let value)?): return .bool(!value)
        case (.bool, _): return .bool(true)
        case (.string, _): return spec.defaultValue
        case (.ints, _): return .ints([1, 2])
        case (.floats, _): return .floats([1.0, 2.5])
        case (.tensor, _):
            return .tensor(TensorLiteral(type: TensorType(.f32, [2, 3]), storage: .floating([1, -2, 0.5, 1e-7, 3e30, 0])))
        }
    }

    @Test func lenet5IsPrintedExactlyAsWritten() throws {
        #expect(try TextFixtures.reprint(TextFixtures.lenet5) == TextFixtures.lenet5)
    }

    @Test func nonCanonicalTextIsPrintedCanonically() throws {
        let messy = """
            // a comment that disappears
            graph   @g ( %x:f32[1,3,8,8] ,%w : f32[3,1,3,3] ) -> ( f32[1,3,8,8] ) {
            weights "w.safetensors"   %b = param f32[3]
                %y=conv %x,%w,%b{strides=[1,1],pads=[1,1,1,1],groups=3,dilations=[1,1]}:f32[1,3,8,8]
             return %y }
            """
        let canonical = """
            graph @g(%x: f32[1,3,8,8], %w: f32[3,1,3,3]) -> f32[1,3,8,8] {
              weights "w.safetensors"
              %b = param f32[3]
              %y = conv %x, %w, %b {dilations = [1,1], groups = 3, pads = [1,1,1,1], strides = [1,1]} : f32[1,3,8,8]
              return %y
            }

            """
        let printed = try TextFixtures.reprint(messy)
        #expect(printed == canonical)
        #expect(try TextFixtures.reprint(printed) == printed)
    }

    @Test("every op round-trips with plausible attributes", arguments: OpKind.allCases)
    func everyOp(_ op: OpKind) throws {
        let schema = op.schema
        var given = Attributes()
        for spec in schema.attributes { given[spec.name] = Self.plausibleValue(for: spec) }
        let attributes = try schema.normalize(given)
        let operandCount = schema.operands.reduce(0) { $0 + ($1.isVariadic ? 2 : 1) }
        try Self.expectRoundTrip(Self.singleNodeGraph(op, operandCount: operandCount, attributes: attributes))
    }

    @Test func everyAttributeKind() throws {
        try Self.expectRoundTrip(Self.singleNodeGraph(.conv, operandCount: 2, attributes: ["groups": .int(-3)]))
        try Self.expectRoundTrip(Self.singleNodeGraph(.elu, operandCount: 1, attributes: ["alpha": .float(0.1)]))
        try Self.expectRoundTrip(Self.singleNodeGraph(.gemm, operandCount: 2, attributes: ["trans_a": .bool(true)]))
        try Self.expectRoundTrip(Self.singleNodeGraph(.pad, operandCount: 1, attributes: [
            "pads": .ints([0, 0, 1, 1]), "mode": .string("edge"), "value": .float(-.infinity)]))
        try Self.expectRoundTrip(Self.singleNodeGraph(.resize, operandCount: 1, attributes: [
            "scales": .floats([1, 1, 2, 0.5]), "coordinate_transformation_mode": .string("align_corners")]))
        try Self.expectRoundTrip(Self.singleNodeGraph(.clip, operandCount: 1, attributes: ["min": .float(-1), "max": .float(6)]))
    }

    @Test func denseLiteralsOfEveryShape() throws {
        let literals: [TensorLiteral] = [
            TensorLiteral(type: TensorType(.f32, [2, 2, 2]), storage: .floating([1, 2, 3, 4, 5, 6, 7, 8])),
            TensorLiteral(type: TensorType(.f64, Shape([Int]())), storage: .floating([0.1])),
            TensorLiteral(type: TensorType(.i64, [3]), storage: .integer([Int64.min, 0, Int64.max])),
            TensorLiteral(type: TensorType(.f32, [4]), storage: .floating([0, 0, 0, 0])),
            TensorLiteral(type: TensorType(.f32, [2]), storage: .floating([0, -0.0])),
            TensorLiteral(type: TensorType(.f32, [2, 0, 3]), storage: .floating([])),
            TensorLiteral(type: TensorType(.f32, [1, 1]), storage: .floating([.infinity])),
        ]
        for literal in literals {
            try Self.expectRoundTrip(Self.singleNodeGraph(.constant, operandCount: 0, attributes: ["value": .tensor(literal)],
                                                          resultType: literal.type))
        }
    }

    @Test func denseLiteralPrinting() {
        #expect(IRPrinter.dense(TensorLiteral(type: TensorType(.f32, [2, 2]), storage: .floating([1, 2, 3, 4])))
                == "dense<[[1.0,2.0],[3.0,4.0]]> : f32[2,2]")
        #expect(IRPrinter.dense(TensorLiteral(type: TensorType(.f32, [3]), storage: .floating([0.5, 0.5, 0.5])))
                == "dense<0.5> : f32[3]")
        #expect(IRPrinter.dense(TensorLiteral(type: TensorType(.i64, [1]), storage: .integer([7]))) == "dense<[7]> : i64[1]")
        #expect(IRPrinter.dense(TensorLiteral(type: TensorType(.f32, [2, 0]), storage: .floating([]))) == "dense<[[],[]]> : f32[2,0]")
    }

    @Test func floatsSurviveExactly() throws {
        let values: [Double] = [0.1, -0.0, 1e-5, 1e20, 1e16, 123456789.125, .leastNonzeroMagnitude,
                                .greatestFiniteMagnitude, -.leastNormalMagnitude, 1.0 / 3.0, .pi, 100]
        for value in values {
            try Self.expectRoundTrip(Self.singleNodeGraph(.leakyRelu, operandCount: 1, attributes: ["alpha": .float(value)]))
            #expect(IRPrinter.number(value).contains { $0 == "." || $0 == "e" })
        }
        #expect(IRPrinter.number(.nan) == "nan")
        // A NaN attribute is rejected where it is read: no op has a meaningful NaN parameter.
        let text = IRPrinter.print(Self.singleNodeGraph(.leakyRelu, operandCount: 1, attributes: ["alpha": .float(.nan)]))
        #expect(throws: Diagnostic.self) { try IRParser.parse(text, file: "nan.ir") }
    }

    @Test func namesThatNeedQuoting() throws {
        let odd = ["", "odd name", "quote\"d", "back\\slash", "new\nline", "tab\tand\u{1}", "é😀", "{}", "%x", "@g", "a,b", "=", "0"]
        for name in odd {
            let type = TensorType(.f32, [.named(name), 2])
            let graph = Graph(name: name, inputs: [ValueDeclaration(name: name, type: type)],
                              nodes: [Node(op: .pad, operands: [name], attributes: ["pads": .ints([0, 0, 0, 0])],
                                           results: [ValueDeclaration(name: name + "'", type: type)])],
                              outputs: [name + "'"], weightsFile: name)
            try Self.expectRoundTrip(graph)
        }
        #expect(IRPrinter.valueName("layer1.0.conv-1") == "%layer1.0.conv-1")
        #expect(IRPrinter.valueName("a b") == #"%"a b""#)
        #expect(IRPrinter.type(TensorType(.f32, [.named("N"), .named("h w"), 3])) == #"f32[N,"h w",3]"#)
        #expect(TextSyntax.quoted("\u{1}\u{7F}x") == #""\u{1}\u{7f}x""#)
    }

    @Test func severalResultsAndResultTypes() throws {
        let type = TensorType(.f32, [2])
        let node = Node(op: .identity, operands: ["x"], results: [ValueDeclaration(name: "a", type: type),
                                                                  ValueDeclaration(name: "b", type: TensorType(.i64, [2]))])
        let graph = Graph(name: "g", inputs: [ValueDeclaration(name: "x", type: type)], nodes: [node], outputs: ["b", "a", "x"])
        #expect(IRPrinter.print(graph).hasPrefix("graph @g(%x: f32[2]) -> (i64[2], f32[2], f32[2]) {\n"))
        try Self.expectRoundTrip(graph)
    }

    @Test func randomGraphsRoundTrip() throws {
        var generator = SeededGenerator(seed: 0x5EED)
        let alphabet = Array("abcXYZ019_.- \"\\é\n{}")
        func name() -> String {
            String((0...Int(generator.next() % 5)).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
        }
        func dimension() -> Dimension {
            generator.next() % 4 == 0 ? .named(name()) : .fixed(Int(generator.next() % 300))
        }
        for _ in 0..<200 {
            var graph = Graph(name: name(), weightsFile: generator.next() % 2 == 0 ? nil : name())
            var defined: [String] = []
            for _ in 0...Int(generator.next() % 3) {
                let declaration = ValueDeclaration(name: name() + "i", type: TensorType(.f32, Shape((0..<Int(generator.next() % 5)).map { _ in dimension() })))
                graph.inputs.append(declaration)
                defined.append(declaration.name)
            }
            for index in 0..<Int(generator.next() % 3) {
                graph.parameters.append(ValueDeclaration(name: "p\(index)", type: TensorType(.f64, Shape([dimension()]))))
            }
            for index in 0..<Int(generator.next() % 6) {
                let op = OpKind.allCases[Int(generator.next() % UInt64(OpKind.allCases.count))]
                var given = Attributes()
                for spec in op.schema.attributes where generator.next() % 2 == 0 {
                    given[spec.name] = Self.plausibleValue(for: spec)
                }
                let operands = (0..<Int(generator.next() % 3)).map { _ in defined[Int(generator.next() % UInt64(defined.count))] }
                let result = ValueDeclaration(name: "\(index)" + name(), type: TensorType(.i64, Shape([dimension(), dimension()])))
                graph.nodes.append(Node(op: op, operands: operands, attributes: try op.schema.normalize(given), results: [result]))
                defined.append(result.name)
            }
            graph.outputs = [defined[Int(generator.next() % UInt64(defined.count))]]
            try Self.expectRoundTrip(graph)
        }
    }
}
