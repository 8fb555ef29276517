import CNNIR
import Testing

/// The generic core of the builder: shape inference, naming, attribute normalization, errors.
@Suite struct GraphBuilderTests {
    @Test func infersEveryShapeWhileBuilding() throws {
        let b = GraphBuilder(name: "tiny")
        let x = try b.input("x", TensorType(.f32, [1, 3, 32, 32]))
        let weight = try b.parameter("conv.weight", TensorType(.f32, [8, 3, 3, 3]))
        let convolved = try b.conv(x, weight: weight, strides: [2, 2], pads: [1, 1, 1, 1])
        #expect(convolved.type == TensorType(.f32, [1, 8, 16, 16]))
        let pooled = try b.maxPool(b.relu(convolved), kernel: [2, 2], strides: [2, 2])
        #expect(pooled.type == TensorType(.f32, [1, 8, 8, 8]))
        let flat = try b.flatten(pooled)
        #expect(flat.type == TensorType(.f32, [1, 512]))
        let logits = try b.gemm(flat, b.parameter("fc.weight", TensorType(.f32, [10, 512])), transB: true)
        #expect(logits.type == TensorType(.f32, [1, 10]))
        try b.output(logits)
        b.weights("tiny.safetensors")

        let graph = try b.build()
        #expect(graph.name == "tiny")
        #expect(graph.inputs.map(\.name) == ["x"])
        #expect(graph.parameters.map(\.name) == ["conv.weight", "fc.weight"])
        #expect(graph.nodes.map(\.op) == [.conv, .relu, .maxPool, .flatten, .gemm])
        #expect(graph.nodes.map(\.operands) == [["x", "conv.weight"], ["0"], ["1"], ["2"], ["3", "fc.weight"]])
        #expect(graph.outputs == ["4"])
        #expect(graph.outputTypes == [TensorType(.f32, [1, 10])])
        #expect(graph.weightsFile == "tiny.safetensors")
    }

    @Test func unnamedNodesAreNumberedInOrderSkippingNamesTheUserTook() throws {
        let b = GraphBuilder(name: "names")
        let x = try b.input("x", TensorType(.f32, [4]))
        let first = try b.relu(x)
        let named = try b.relu(first, name: "2")
        let second = try b.relu(named)
        let third = try b.relu(second)
        let custom = try b.relu(third, name: "head.act")
        #expect([first, named, second, third, custom].map(\.name) == ["0", "2", "1", "3", "head.act"])
    }

    @Test func attributesAreNormalizedAgainstTheSchema() throws {
        let b = GraphBuilder(name: "attributes")
        let x = try b.input("x", TensorType(.f32, [1, 3, 8, 8]))
        let weight = try b.parameter("w", TensorType(.f32, [3, 1, 3, 3]))
        _ = try b.apply(.conv, [x, weight], ["groups": .int(3), "strides": .ints([]), "dilations": .ints([])], name: "conv")
        _ = try b.apply(.leakyRelu, [x], ["alpha": .int(1)], name: "leaky")
        _ = try b.apply(.elu, [x], ["alpha": .float(1.0)], name: "elu")
        let output = try b.apply(.softmax, [x], ["axis": .int(1)], name: "softmax")
        try b.output(output)
        let attributes = try b.build().nodes.map(\.attributes)
        #expect(attributes == [["groups": .int(3)], ["alpha": .float(1.0)], [:], ["axis": .int(1)]])
    }

    @Test func aShapeMismatchNamesTheNodeAndOp() throws {
        let b = GraphBuilder(name: "bad")
        let x = try b.input("x", TensorType(.f32, [1, 3, 8, 8]))
        let weight = try b.parameter("stem.weight", TensorType(.f32, [8, 4, 3, 3]))
        let named = #expect(throws: Diagnostic.self) { try b.conv(x, weight: weight, name: "stem") }
        #expect(named?.node == "stem")
        #expect(named?.op == "conv")
        #expect(named?.description.hasPrefix("error: node %stem (conv): ") == true)
        let unnamed = #expect(throws: Diagnostic.self) { try b.conv(x, weight: weight) }
        #expect(unnamed?.node == "0")
        #expect(try b.relu(x).name == "0")
    }

    @Test func badAttributesAndOperandCountsNameTheNode() throws {
        let b = GraphBuilder(name: "bad")
        let x = try b.input("x", TensorType(.f32, [2, 3]))
        let unknown = #expect(throws: Diagnostic.self) { try b.apply(.relu, [x], ["alpha": .float(1)], name: "act") }
        #expect(unknown?.node == "act")
        #expect(unknown?.message.contains("unknown attribute 'alpha'") == true)
        let wrongKind = #expect(throws: Diagnostic.self) { try b.apply(.flatten, [x], ["axis": .string("one")], name: "flat") }
        #expect(wrongKind?.node == "flat")
        let missing = #expect(throws: Diagnostic.self) { try b.apply(.reshape, [x], name: "shaped") }
        #expect(missing?.message.contains("shape") == true)
        let count = #expect(throws: Diagnostic.self) { try b.apply(.add, [x], name: "sum") }
        #expect(count?.node == "sum")
        #expect(count?.message.contains("add takes 2 operands") == true)
    }

    @Test func namesMustBeNewAndNonEmpty() throws {
        let b = GraphBuilder(name: "dup")
        let x = try b.input("x", TensorType(.f32, [2]))
        #expect(throws: Diagnostic.self) { try b.input("x", TensorType(.f32, [2])) }
        #expect(throws: Diagnostic.self) { try b.parameter("x", TensorType(.f32, [2])) }
        #expect(throws: Diagnostic.self) { try b.parameter("", TensorType(.f32, [2])) }
        #expect(throws: Diagnostic.self) { try b.relu(x, name: "x") }
        #expect(throws: Diagnostic.self) { try b.relu(x, name: "") }
    }

    @Test func valuesOfAnotherGraphAreRejected() throws {
        let other = GraphBuilder(name: "other")
        let foreign = try other.input("y", TensorType(.f32, [2]))
        let b = GraphBuilder(name: "main")
        let x = try b.input("x", TensorType(.f32, [2]))
        let error = #expect(throws: Diagnostic.self) { try b.add(x, foreign, name: "sum") }
        #expect(error?.message.contains("%y") == true)
        #expect(throws: Diagnostic.self) { try b.output(foreign) }
        let sameNameOtherType = GraphValue(name: "x", type: TensorType(.f32, [3]))
        #expect(throws: Diagnostic.self) { try b.relu(sameNameOtherType) }
    }

    @Test func buildRunsTheVerifier() throws {
        let b = GraphBuilder(name: "empty")
        _ = try b.input("x", TensorType(.f32, [2]))
        let error = #expect(throws: DiagnosticList.self) { try b.build() }
        #expect(error?.description.contains("has no outputs") == true)
    }
}
