import CNNIR
import CNNPasses
import Testing

@Suite struct GraphRewriterTests {
    static let model = """
        graph @model(%x: f32[2]) -> f32[2] {
          %p = param f32[2]
          %0 = relu %x : f32[2]
          %1 = identity %0 : f32[2]
          %2 = add %1, %p : f32[2]
          %out = identity %2 : f32[2]
          return %out
        }
        """

    @Test func bypassMovesUsesToTheReplacement() throws {
        var rewriter = GraphRewriter(try TestUnits.unit(Self.model))
        let bypassed = rewriter.bypassNode(at: 1, with: ["0"])
        #expect(bypassed)
        let graph = rewriter.unit.graph
        #expect(graph.nodes.map(\.name) == ["0", "2", "out"])
        #expect(graph.nodes[1].operands == ["0", "p"])
        try Verifier.verify(graph)
    }

    @Test func bypassOfAReturnedNodeGivesItsNameToTheProducer() throws {
        var rewriter = GraphRewriter(try TestUnits.unit(Self.model))
        let bypassed = rewriter.bypassNode(at: 3, with: ["2"])
        #expect(bypassed)
        let graph = rewriter.unit.graph
        #expect(graph.nodes.map(\.name) == ["0", "1", "out"])
        #expect(graph.nodes[2].op == .add)
        #expect(graph.outputs == ["out"])
        try Verifier.verify(graph)
    }

    @Test func bypassRefusesWhatWouldChangeTheInterfaceOrTypes() throws {
        let unit = try TestUnits.unit("""
            graph @model(%x: f32[2]) -> (f32[2], f32[2,1]) {
              %y = identity %x : f32[2]
              %z = unsqueeze %x {axes = [1]} : f32[2,1]
              return %y, %z
            }
            """)
        var rewriter = GraphRewriter(unit)
        let bypassedIdentity = rewriter.bypassNode(at: 0, with: ["x"])
        #expect(!bypassedIdentity)
        let bypassedUnsqueeze = rewriter.bypassNode(at: 1, with: ["x"])
        #expect(!bypassedUnsqueeze)
        #expect(rewriter.unit == unit)
    }

    @Test func usesCountOperandPositionsAndOutputs() throws {
        let unit = try TestUnits.unit("""
            graph @model(%x: f32[2]) -> (f32[2], f32[2]) {
              %0 = mul %x, %x : f32[2]
              %1 = relu %0 : f32[2]
              return %1, %0
            }
            """)
        let rewriter = GraphRewriter(unit)
        #expect(rewriter.useCount(of: "x") == 2)
        #expect(rewriter.users(of: "x") == [0])
        #expect(rewriter.useCount(of: "0") == 2)
        #expect(rewriter.isUsedOnly("x", by: 0))
        #expect(!rewriter.isUsedOnly("0", by: 1))
        #expect(rewriter.producer(of: "1") == 1)
        #expect(rewriter.producer(of: "x") == nil)
        #expect(rewriter.type(of: "0") == TensorType(.f32, [2]))
        #expect(rewriter.unusedName("0") == "0.1")
        #expect(rewriter.unusedName("fresh") == "fresh")
    }

    @Test func parametersAreAddedAndRemovedWithTheirTensors() throws {
        var rewriter = GraphRewriter(try TestUnits.unit(Self.model))
        let tensor = try WeightTensor(shape: [3], elements: [Float(1), 2, 3])
        rewriter.setParameter("q", to: tensor)
        #expect(rewriter.parameter(named: "q")?.type == TensorType(.f32, [3]))
        #expect(rewriter.constantValues(of: "q") == [1, 2, 3])
        let removedUsed = rewriter.removeParameterIfUnused("p")
        #expect(!removedUsed)
        let removedUnused = rewriter.removeParameterIfUnused("q")
        #expect(removedUnused)
        let unit = rewriter.unit
        #expect(unit.graph.parameters.map(\.name) == ["p"])
        #expect(unit.weights.keys.sorted() == ["p"])
    }

    @Test func removedNodesDisappearFromLookups() throws {
        var rewriter = GraphRewriter(try TestUnits.unit(Self.model))
        let removedWhileUsed = rewriter.removeNodeIfUnused(at: 0)
        #expect(!removedWhileUsed)
        rewriter.replaceOperandUses(of: "1", with: "x")
        let removedIdentity = rewriter.removeNodeIfUnused(at: 1)
        #expect(removedIdentity)
        let removedRelu = rewriter.removeNodeIfUnused(at: 0)
        #expect(removedRelu)
        #expect(rewriter.nodeIndices == [2, 3])
        #expect(rewriter.producer(of: "0") == nil)
        #expect(rewriter.unit.graph.nodes.map(\.name) == ["2", "out"])
    }
}
