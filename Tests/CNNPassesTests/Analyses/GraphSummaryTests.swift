import CNNIR
import CNNPasses
import Testing

@Suite("Graph summary")
struct GraphSummaryTests {
    /// conv → batch_norm → relu → conv → add (residual) → relu, batch dimension `N`.
    let residualBlock = Graph(
        name: "block",
        inputs: [.f32("x", [.named("N"), 8, 4, 4])],
        parameters: [
            .f32("w1", [8, 8, 3, 3]), .f32("scale", [8]), .f32("bias", [8]),
            .f32("mean", [8]), .f32("var", [8]), .f32("w2", [8, 8, 1, 1]),
        ],
        nodes: [
            Node(op: .conv, operands: ["x", "w1"], attributes: ["pads": .ints([1, 1, 1, 1])],
                 results: [.f32("c1", [.named("N"), 8, 4, 4])]),
            Node(op: .batchNorm, operands: ["c1", "scale", "bias", "mean", "var"],
                 results: [.f32("b1", [.named("N"), 8, 4, 4])]),
            Node(op: .relu, operands: ["b1"], results: [.f32("r1", [.named("N"), 8, 4, 4])]),
            Node(op: .conv, operands: ["r1", "w2"], results: [.f32("c2", [.named("N"), 8, 4, 4])]),
            Node(op: .add, operands: ["c2", "x"], results: [.f32("s", [.named("N"), 8, 4, 4])]),
            Node(op: .relu, operands: ["s"], results: [.f32("y", [.named("N"), 8, 4, 4])]),
        ],
        outputs: ["y"])

    @Test("counts nodes, ops by kind, and parameters")
    func counts() {
        let summary = GraphSummary(of: residualBlock)
        #expect(summary.name == "block")
        #expect(summary.nodeCount == 6)
        #expect(summary.opCounts == [.conv: 2, .relu: 2, .batchNorm: 1, .add: 1])
        #expect(summary.parameterTensorCount == 6)
        // learned: w1 8·8·3·3, scale 8, bias 8, w2 8·8·1·1; statistics: mean 8, var 8.
        #expect(summary.parameterCount == 576 + 16 + 64)
        #expect(summary.statisticCount == 16)
    }

    @Test("a parameter used as a batch_norm statistic and elsewhere counts as learned")
    func sharedStatistic() {
        var graph = residualBlock
        graph.nodes.append(Node(op: .mul, operands: ["y", "mean"], results: [.f32("z", [.named("N"), 8, 4, 4])]))
        #expect(GraphSummary.statisticNames(of: residualBlock) == ["mean", "var"])
        #expect(GraphSummary.statisticNames(of: graph) == ["var"])
        let summary = GraphSummary(of: graph)
        #expect(summary.parameterCount == 576 + 24 + 64)
        #expect(summary.statisticCount == 8)
    }

    @Test("op counts are listed most frequent first, ties by name")
    func ordering() {
        let ordered = GraphSummary(of: residualBlock).opCountsByFrequency
        #expect(ordered.map(\.op) == [.conv, .relu, .add, .batchNorm])
        #expect(ordered.map(\.count) == [2, 2, 1, 1])
    }

    @Test("MACs per unit of an unbound batch, and scaled once it is bound")
    func multiplyAccumulatesAndBinding() {
        let unbound = GraphSummary(of: residualBlock)
        // conv 3x3: 8·4·4 outputs × 72; conv 1x1: 8·4·4 outputs × 8.
        #expect(unbound.multiplyAccumulates == 128 * 72 + 128 * 8)
        #expect(unbound.unboundDimensions == ["N"])

        var bound = residualBlock
        for index in bound.nodes.indices {
            bound.nodes[index].results = bound.nodes[index].results.map { ValueDeclaration.f32($0.name, [3, 8, 4, 4]) }
        }
        bound.inputs = [.f32("x", [3, 8, 4, 4])]
        let summary = GraphSummary(of: bound)
        #expect(summary.multiplyAccumulates == 3 * (128 * 72 + 128 * 8))
        #expect(summary.unboundDimensions.isEmpty)
    }

    @Test("an empty graph has zero everything")
    func emptyGraph() {
        let summary = GraphSummary(of: Graph(name: "empty"))
        #expect(summary.nodeCount == 0)
        #expect(summary.opCounts.isEmpty)
        #expect(summary.parameterCount == 0)
        #expect(summary.statisticCount == 0)
        #expect(summary.multiplyAccumulates == 0)
    }
}
