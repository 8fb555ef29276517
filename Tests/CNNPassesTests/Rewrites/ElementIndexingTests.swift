@testable import CNNPasses
import CNNIR
import Testing

@Suite struct ElementIndexingTests {
    @Test func broadcastRepeatsSizeOneAxes() {
        #expect(ElementIndexing.broadcast(from: [2, 1], to: [2, 3]) == [0, 0, 0, 1, 1, 1])
        #expect(ElementIndexing.broadcast(from: [3], to: [2, 3]) == [0, 1, 2, 0, 1, 2])
        #expect(ElementIndexing.broadcast(from: [], to: [2]) == [0, 0])
    }

    @Test func transposeReadsThePermutedAxes() {
        #expect(ElementIndexing.transpose([2, 3], perm: [1, 0]) == [0, 3, 1, 4, 2, 5])
        #expect(ElementIndexing.transpose([1, 2, 2], perm: [2, 0, 1]) == [0, 2, 1, 3])
    }

    @Test func concatInterleavesBlocksOfTheAxis() {
        let sources = ElementIndexing.concat([[2, 1], [2, 2]], axis: 1)
        #expect(sources.map(\.operand) == [0, 1, 1, 0, 1, 1])
        #expect(sources.map(\.index) == [0, 0, 1, 1, 2, 3])
    }

    @Test func integerLiteralsKeepTheirExactValues() {
        let big: Int64 = 9_007_199_254_740_993
        let literal = TensorLiteral(type: TensorType(.i64, [1]), storage: .integer([big]))
        let other = TensorLiteral(type: TensorType(.i64, [1]), storage: .integer([1]))
        let node = Node(op: .concat, operands: ["a", "b"], attributes: ["axis": .int(0)],
                        results: [ValueDeclaration(name: "c", type: TensorType(.i64, [2]))])
        #expect(LiteralEvaluator.evaluate(node, operands: [literal, other])?.storage == .integer([big, 1]))
    }
}
