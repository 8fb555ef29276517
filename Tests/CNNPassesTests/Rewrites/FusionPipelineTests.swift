import CNNIR
import CNNPasses
import Testing

/// The fusion passes inside -O2: on the example ImageNet models every batch_norm, relu, relu6
/// and residual add ends up inside a fused_conv; on small networks built from the same layers
/// the reference executor computes the same outputs before and after.
@Suite struct FusionPipelineTests {
    /// An example model after -O2, with zero weights (the passes need values to fold batch_norm;
    /// which values does not matter for the graph's shape).
    static func optimizedExample(_ name: String) throws -> (original: Graph, optimized: Graph) {
        let graph = try Graph.parse(file: exampleModelPath(name))
        let weights = try Dictionary(uniqueKeysWithValues: graph.parameters.map { parameter in
            (parameter.name, try WeightTensor.zeros(dtype: parameter.type.dtype, shape: parameter.type.shape.fixedSizes ?? []))
        })
        return (graph, try TestUnits.run(.o2, on: CompilationUnit(graph: graph, weights: weights)).graph)
    }

    /// The fused_conv nodes of `graph` with a residual operand.
    static func residualFusions(in graph: Graph) -> Int {
        graph.nodes.filter { $0.op == .fusedConv && $0.operands.count == 4 }.count
    }

    @Test func resnet50KeepsNoBatchNormReluOrAdd() throws {
        let (original, optimized) = try Self.optimizedExample("resnet50")
        let before = GraphSummary(of: original), after = GraphSummary(of: optimized)
        for op: OpKind in [.batchNorm, .relu, .add] { #expect(after.opCounts[op] == nil, "\(op) left") }
        // 53 convs: 49 absorb their relu (17 of them with a residual); the 4 main-branch convs
        // whose block has a downsampling shortcut become the residual of that shortcut's conv.
        #expect(before.opCounts[.conv] == 53 && before.opCounts[.relu] == 49 && before.opCounts[.add] == 16)
        #expect(after.opCounts[.fusedConv] == 49)
        #expect(after.opCounts[.conv] == 4)
        #expect(Self.residualFusions(in: optimized) == 16)
        #expect(optimized.nodes.filter { $0.op == .fusedConv }.allSatisfy { $0.attributes["activation"] == .string("relu") })
        #expect(after.multiplyAccumulates == before.multiplyAccumulates)
    }

    @Test func mobilenetV2KeepsNoClipOrAdd() throws {
        let (original, optimized) = try Self.optimizedExample("mobilenet_v2")
        let before = GraphSummary(of: original), after = GraphSummary(of: optimized)
        for op: OpKind in [.batchNorm, .clip, .add] { #expect(after.opCounts[op] == nil, "\(op) left") }
        let clips = try #require(before.opCounts[.clip]), adds = try #require(before.opCounts[.add])
        #expect(adds == 10)
        #expect(optimized.nodes.filter { $0.attributes["activation"] == .string("clip") }.count == clips)
        #expect(Self.residualFusions(in: optimized) == adds)
        #expect(after.multiplyAccumulates == before.multiplyAccumulates)
    }

    /// A small network of the layers the example models use.
    struct Network: Sendable, CustomTestStringConvertible {
        var testDescription: String
        var layers: [(String, any Layer)]
        var input: [Int]
        /// Ops -O2 must remove entirely.
        var fused: Set<OpKind>
    }

    static let networks: [Network] = [
        Network(testDescription: "resnet basic blocks", layers: [
            ("stem", ConvNormActivation(filters: 8)),
            ("block1", ResidualBlock(filters: 8)),
            ("block2", ResidualBlock(filters: 16, stride: 2)),
        ], input: [1, 3, 8, 8], fused: [.batchNorm, .relu, .add]),
        Network(testDescription: "bottlenecks", layers: [
            ("block1", Bottleneck(filters: 4, stride: 2)),
            ("block2", Bottleneck(filters: 4)),
        ], input: [1, 8, 8, 8], fused: [.batchNorm, .relu, .add]),
        Network(testDescription: "inverted residuals", layers: [
            ("stem", ConvNormActivation(filters: 8, stride: 2, activation: .relu6)),
            ("block1", InvertedResidual(filters: 8, expansion: 1)),
            ("block2", InvertedResidual(filters: 8, expansion: 4)),
            ("block3", InvertedResidual(filters: 12, stride: 2)),
        ], input: [1, 3, 8, 8], fused: [.batchNorm, .clip, .add]),
        Network(testDescription: "every activation", layers: [
            ("a", ConvNormActivation(filters: 4, activation: .leakyRelu(alpha: 0.1))),
            ("b", ConvNormActivation(filters: 4, activation: .sigmoid)),
            ("c", ConvNormActivation(filters: 4, activation: .tanh)),
            ("d", ConvNormActivation(filters: 4, activation: .hardSigmoid)),
            ("e", ConvNormActivation(filters: 4, activation: .hardSwish)),
            ("f", ConvNormActivation(filters: 4, activation: .silu)),
        ], input: [1, 2, 5, 5], fused: [.batchNorm, .leakyRelu, .sigmoid, .tanh, .hardSigmoid, .hardSwish, .silu]),
    ]

    @Test(arguments: networks)
    func smallNetworkComputesTheSameWithEverythingFused(_ network: Network) throws {
        let graph = try Sequential(named: network.layers).graph(named: "network", input: TensorType(.f32, network.input))
        let original = CompilationUnit(graph: graph, weights: try NumericalCheck.randomWeights(for: graph, seed: 9))
        let optimized = try TestUnits.run(.o2, on: original)
        let ops = Set(optimized.graph.nodes.map(\.op))
        #expect(ops.isDisjoint(with: network.fused), "\(IRPrinter.print(optimized.graph))")
        #expect(ops.contains(.fusedConv))
        let errors = try NumericalCheck.relativeErrors(original: original, transformed: optimized, seed: 9)
        #expect(errors.allSatisfy { $0 <= NumericalCheck.tolerance }, "\(errors)")
    }
}
