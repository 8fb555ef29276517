import CNNIR
import CNNPasses
import Testing

@Suite("Multiply-accumulate counts per node")
struct CostAnalysisTests {
    @Test("conv: output elements times weight elements per output channel")
    func convolution() {
        // 2·4·6·6 outputs, each 3·3·3 = 27 products.
        #expect(AnalysisFixtures.multiplyAccumulates(.conv, operands: [[2, 3, 8, 8], [4, 3, 3, 3], [4]], result: [2, 4, 6, 6]) == 7776)
    }

    @Test("grouped and depthwise conv count C_in/groups per output")
    func groupedConvolution() {
        // groups = 2: 1·8·5·5 outputs, each (4/2)·3·3 = 18 products.
        let grouped = AnalysisFixtures.multiplyAccumulates(.conv, operands: [[1, 4, 5, 5], [8, 2, 3, 3]], result: [1, 8, 5, 5],
                                          attributes: ["groups": .int(2), "pads": .ints([1, 1, 1, 1])])
        #expect(grouped == 3600)
        // depthwise: 1·3·2·2 outputs, each 1·3·3 = 9 products.
        let depthwise = AnalysisFixtures.multiplyAccumulates(.conv, operands: [[1, 3, 4, 4], [3, 1, 3, 3]], result: [1, 3, 2, 2],
                                            attributes: ["groups": .int(3)])
        #expect(depthwise == 108)
    }

    @Test("1D and 3D conv follow the same rule")
    func convolutionByRank() {
        // 1D: 1·2·6 outputs, each 3·3 = 9 products.
        #expect(AnalysisFixtures.multiplyAccumulates(.conv, operands: [[1, 3, 8], [2, 3, 3]], result: [1, 2, 6]) == 108)
        // 3D: 1·2·2·2·2 outputs, each 1·3·3·3 = 27 products.
        #expect(AnalysisFixtures.multiplyAccumulates(.conv, operands: [[1, 1, 4, 4, 4], [2, 1, 3, 3, 3]], result: [1, 2, 2, 2, 2]) == 432)
    }

    @Test("conv_transpose: input elements times weight elements per input channel")
    func transposedConvolution() {
        // N·C_in·Π(in) = 1·2·3·3 = 18, times (C_out/groups)·Π(k) = 4·2·2 = 16.
        let macs = AnalysisFixtures.multiplyAccumulates(.convTranspose, operands: [[1, 2, 3, 3], [2, 4, 2, 2]], result: [1, 4, 6, 6],
                                       attributes: ["strides": .ints([2, 2])])
        #expect(macs == 288)
    }

    @Test("conv_weight_grad: as much as its conv — dy's elements times weight elements per output channel")
    func weightGradient() {
        // dy: N·C_out·Π(out) = 2·4·3·3 = 72, times (C_in/groups)·Π(k) = 3·2·2 = 12.
        let macs = AnalysisFixtures.multiplyAccumulates(.convWeightGrad, operands: [[2, 3, 4, 4], [2, 4, 3, 3]], result: [4, 3, 2, 2],
                                                        attributes: ["kernel": .ints([2, 2])])
        #expect(macs == 864)
    }

    @Test("gemm: M·N·K, with K read from the transposed axis when trans_a is set")
    func generalMatrixMultiply() {
        #expect(AnalysisFixtures.multiplyAccumulates(.gemm, operands: [[2, 5], [3, 5], [3]], result: [2, 3],
                                    attributes: ["trans_b": .bool(true)]) == 30)
        // a is [K, M] = [7, 2]: 2·3 outputs, each 7 products (not 2).
        #expect(AnalysisFixtures.multiplyAccumulates(.gemm, operands: [[7, 2], [7, 3]], result: [2, 3],
                                    attributes: ["trans_a": .bool(true)]) == 42)
    }

    @Test("matmul: batch·M·N·K, including 1-D promotion")
    func matrixMultiply() {
        #expect(AnalysisFixtures.multiplyAccumulates(.matmul, operands: [[4, 2, 3], [3, 5]], result: [4, 2, 5]) == 120)
        #expect(AnalysisFixtures.multiplyAccumulates(.matmul, operands: [[3], [3, 5]], result: [5]) == 15)
        #expect(AnalysisFixtures.multiplyAccumulates(.matmul, operands: [[2, 3], [3]], result: [2]) == 6)
    }

    @Test("every other op costs nothing", arguments: [OpKind.relu, .add, .batchNorm, .maxPool, .flatten, .softmax, .reduceSum, .pow, .where, .slice, .depthToSpace])
    func otherOps(op: OpKind) {
        #expect(AnalysisFixtures.multiplyAccumulates(op, operands: [[1, 3, 8, 8], [1, 3, 8, 8]], result: [1, 3, 8, 8]) == 0)
    }

    @Test("named dimensions count as 1")
    func namedDimensions() {
        let macs = AnalysisFixtures.multiplyAccumulates(.conv, operands: [[.named("N"), 3, 8, 8], [4, 3, 3, 3]],
                                       result: [.named("N"), 4, 6, 6])
        #expect(macs == 4 * 36 * 27)
    }

    @Test("unknown operand types count 0 instead of failing")
    func unknownOperands() {
        let node = Node(op: .conv, operands: ["x", "w"], results: [.f32("y", [1, 4, 6, 6])])
        #expect(CostAnalysis.multiplyAccumulates(of: node, types: [:]) == 0)
    }

    @Test("enormous shapes saturate instead of overflowing")
    func saturation() {
        let huge = Dimension.fixed(1 << 40)
        #expect(AnalysisFixtures.multiplyAccumulates(.matmul, operands: [[huge, huge], [huge, huge]], result: [huge, huge]) == Int.max)
    }

    @Test("node costs follow node order; the total is their sum")
    func graphCosts() {
        let graph = Graph(
            name: "two_layers",
            inputs: [.f32("x", [1, 3, 8, 8])],
            parameters: [.f32("w", [4, 3, 3, 3]), .f32("fc", [10, 144])],
            nodes: [
                Node(op: .conv, operands: ["x", "w"], results: [.f32("c", [1, 4, 6, 6])]),
                Node(op: .relu, operands: ["c"], results: [.f32("r", [1, 4, 6, 6])]),
                Node(op: .flatten, operands: ["r"], results: [.f32("f", [1, 144])]),
                Node(op: .gemm, operands: ["f", "fc"], attributes: ["trans_b": .bool(true)],
                     results: [.f32("y", [1, 10])]),
            ],
            outputs: ["y"])
        let costs = CostAnalysis.nodeCosts(of: graph)
        #expect(costs.map(\.name) == ["c", "r", "f", "y"])
        #expect(costs.map(\.multiplyAccumulates) == [3888, 0, 0, 1440])
        #expect(CostAnalysis.totalMultiplyAccumulates(of: graph) == 5328)
    }
}
