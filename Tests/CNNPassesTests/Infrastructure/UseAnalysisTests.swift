import CNNIR
import CNNPasses
import Testing

@Suite struct UseAnalysisTests {
    @Test func countsOperandPositionsAndReturns() throws {
        let graph = try TestUnits.graph("""
            graph @model(%x: f32[2], %unused: f32[3]) -> (f32[2], f32[2], f32[2]) {
              %p = param f32[2]
              %0 = mul %x, %x : f32[2]
              %1 = add %0, %p : f32[2]
              %2 = relu %x : f32[2]
              %3 = tanh %x : f32[2]
              return %1, %0, %0
            }
            """)
        let uses = UseAnalysis(graph)
        #expect(uses.useCount(of: "x") == 4)
        #expect(uses.users(of: "x") == [0, 2, 3])
        #expect(uses.operandUses["x"]?.first == UseAnalysis.OperandUse(node: 0, position: 0))
        #expect(uses.useCount(of: "0") == 3)
        #expect(uses.useCount(of: "p") == 1)
        #expect(UseAnalysis.unusedValues(in: graph) == ["unused", "2", "3"])
    }
}
