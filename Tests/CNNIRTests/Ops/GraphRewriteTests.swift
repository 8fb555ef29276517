import Testing
import CNNIR

/// `Graph.resolvingAutoPads()` and `Graph.binding(_:)`.
@Suite struct GraphRewriteTests {
    static let location = CNNIR.SourceLocation(file: "model.ir", line: 4, column: 3)

    func graph(_ op: OpKind, input: TensorType, weight: TensorType? = nil, _ attributes: Attributes, result: TensorType) -> Graph {
        let parameters = weight.map { [ValueDeclaration(name: "w", type: $0)] } ?? []
        let node = Node(op: op, operands: ["x"] + parameters.map(\.name), attributes: attributes,
                        results: [ValueDeclaration(name: "y", type: result)], location: Self.location)
        return Graph(name: "g", inputs: [ValueDeclaration(name: "x", type: input)], parameters: parameters, nodes: [node], outputs: ["y"])
    }

    @Test func sameUpperAndLowerBecomeExplicitPads() throws {
        let upper = graph(.conv, input: f32(1, 1, 6, 6), weight: f32(1, 1, 3, 3),
                          ["auto_pad": .string("same_upper"), "strides": .ints([2, 2])], result: f32(1, 1, 3, 3))
        let resolved = try upper.resolvingAutoPads()
        #expect(resolved.nodes[0].attributes == ["pads": .ints([0, 0, 1, 1]), "strides": .ints([2, 2])])
        var lower = upper
        lower.nodes[0].attributes["auto_pad"] = .string("same_lower")
        #expect(try lower.resolvingAutoPads().nodes[0].attributes == ["pads": .ints([1, 1, 0, 0]), "strides": .ints([2, 2])])
        try Verifier.verify(resolved)
    }

    @Test func validAndPoolsAndTransposed() throws {
        let valid = graph(.conv, input: f32(1, 1, 6, 6), weight: f32(1, 1, 3, 3), ["auto_pad": .string("valid")], result: f32(1, 1, 4, 4))
        #expect(try valid.resolvingAutoPads().nodes[0].attributes.isEmpty)
        let pool = graph(.maxPool, input: f32(1, 2, 7, 7), ["kernel": .ints([3, 3]), "auto_pad": .string("same_upper")], result: f32(1, 2, 7, 7))
        #expect(try pool.resolvingAutoPads().nodes[0].attributes == ["kernel": .ints([3, 3]), "pads": .ints([1, 1, 1, 1])])
        let transposed = graph(.convTranspose, input: f32(1, 1, 3, 3), weight: f32(1, 1, 3, 3),
                               ["auto_pad": .string("same_lower"), "strides": .ints([2, 2])], result: f32(1, 1, 6, 6))
        let resolved = try transposed.resolvingAutoPads()
        #expect(resolved.nodes[0].attributes == ["pads": .ints([1, 1, 0, 0]), "strides": .ints([2, 2])])
        try Verifier.verify(resolved)
    }

    @Test func unresolvableNodeThrowsWithItsLocation() {
        let bad = graph(.conv, input: f32(1, 1, 6, 6), weight: f32(1, 1, 3, 3), ["auto_pad": .string("same_upper"), "strides": .ints([0, 1])],
                        result: f32(1, 1, 3, 3))
        #expect(throws: Diagnostic("strides must have 2 positive values (one per spatial axis), found [0,1]", at: Self.location, node: "y", op: "conv")) {
            try bad.resolvingAutoPads()
        }
    }

    @Test func undefinedOperandsAreLeftForTheVerifier() throws {
        var orphan = graph(.maxPool, input: f32(1, 2, 7, 7), ["kernel": .ints([3, 3]), "auto_pad": .string("same_upper")], result: f32(1, 2, 7, 7))
        orphan.nodes[0].operands = ["missing"]
        #expect(try orphan.resolvingAutoPads() == orphan)
    }

    @Test func bindingReplacesNamedDimensionsEverywhere() throws {
        let batch = Dimension.named("N")
        var model = graph(.relu, input: f32(batch, 3, .named("H")), [:], result: f32(batch, 3, .named("H")))
        model.parameters = [ValueDeclaration(name: "p", type: f32(batch))]
        let literal = TensorLiteral(type: f32(batch), storage: .floating([1, 2]))
        model.nodes.append(Node(op: .constant, operands: [], attributes: ["value": .tensor(literal)],
                                results: [ValueDeclaration(name: "c", type: f32(batch))]))
        let bound = model.binding(["N": 2])
        #expect(bound.inputs[0].type == f32(2, 3, .named("H")))
        #expect(bound.parameters[0].type == f32(2))
        #expect(bound.nodes[0].results[0].type == f32(2, 3, .named("H")))
        #expect(bound.nodes[1].results[0].type == f32(2))
        #expect(bound.nodes[1].attributes["value"] == .tensor(TensorLiteral(type: f32(2), storage: .floating([1, 2]))))
        #expect(model.binding([:]) == model)
    }
}
