import CNNIR
import CNNPasses
import Testing

/// canonicalize on graphs with a named batch, which the fixtures (run numerically) cannot hold.
@Suite struct CanonicalizeTests {
    @Test func aChainKeepsTheNamedBatchByCopyingIt() throws {
        let unit = CompilationUnit(graph: try TestUnits.graph("""
            graph @model(%x: f32[N,2,3,4]) -> f32[N,6,4] {
              %0 = flatten %x : f32[N,24]
              %1 = reshape %0 {shape = [0,6,4]} : f32[N,6,4]
              return %1
            }
            """))
        let result = try TestUnits.run(PassPipeline(["canonicalize"]), on: unit)
        #expect(result.graph.nodes.count == 1)
        #expect(result.graph.nodes.first?.attributes["shape"] == .ints([0, 6, 4]))
        #expect(result.graph.nodes.first?.operands == ["x"])
    }

    @Test func aMovedNamedDimensionIsInferred() throws {
        let unit = CompilationUnit(graph: try TestUnits.graph("""
            graph @model(%x: f32[N,1]) -> f32[1,N] {
              %0 = squeeze %x {axes = [1]} : f32[N]
              %1 = unsqueeze %0 {axes = [0]} : f32[1,N]
              return %1
            }
            """))
        let result = try TestUnits.run(PassPipeline(["canonicalize"]), on: unit)
        #expect(result.graph.nodes.map(\.op) == [.reshape])
        #expect(result.graph.nodes.first?.attributes["shape"] == .ints([1, -1]))
    }

    @Test func runningTwiceChangesNothingMore() throws {
        let original = try TestUnits.unit("""
            graph @model(%x: f32[2,3,4]) -> f32[4,6] {
              %0 = identity %x : f32[2,3,4]
              %1 = transpose %0 {perm = [2,0,1]} : f32[4,2,3]
              %2 = transpose %1 {perm = [0,1,2]} : f32[4,2,3]
              %3 = reshape %2 {shape = [4,6]} : f32[4,6]
              %4 = dropout %3 : f32[4,6]
              return %4
            }
            """)
        let once = try TestUnits.run(PassPipeline(["canonicalize"]), on: original)
        #expect(once.graph.nodes.map(\.op) == [.transpose, .reshape])
        #expect(try TestUnits.run(PassPipeline(["canonicalize"]), on: once) == once)
    }
}
