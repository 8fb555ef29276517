import Testing
@testable import CNNIR

/// A graph written node by node; result types are placeholders (the initializer reads only
/// parameter types, ops, operand positions and attributes).
struct GraphSketch {
    var parameters: [ValueDeclaration] = []
    var nodes: [Node] = []

    mutating func parameter(_ name: String, _ sizes: [Int], _ dtype: DType = .f32) {
        parameters.append(ValueDeclaration(name: name, type: TensorType(dtype, sizes)))
    }

    mutating func node(_ result: String, _ op: OpKind, _ operands: [String], _ attributes: Attributes = [:]) {
        nodes.append(Node(op: op, operands: operands, attributes: attributes,
                          results: [ValueDeclaration(name: result, type: TensorType(.f32, [1]))]))
    }

    var graph: Graph {
        Graph(name: "sketch", inputs: [ValueDeclaration(name: "x", type: TensorType(.f32, [8, 3, 16, 16]))],
              parameters: parameters, nodes: nodes, outputs: nodes.last.map { [$0.name] } ?? [])
    }

    /// One of each kind of use the initializer distinguishes.
    static func network() -> GraphSketch {
        var sketch = GraphSketch()
        for (name, sizes) in [("conv1.w", [16, 3, 3, 3]), ("conv1.b", [16]), ("bn.scale", [16]), ("bn.bias", [16]),
                              ("bn.mean", [16]), ("bn.var", [16]), ("dw.w", [16, 1, 3, 3]), ("proj.w", [32, 16, 1, 1]),
                              ("up.w", [32, 8, 2, 2]), ("slope", [8, 1, 1]), ("fc.w", [10, 512]), ("fc.b", [10]),
                              ("head.w", [10, 4]), ("big.w", [64, 3, 3, 3]), ("in.scale", [3]), ("in.bias", [3]),
                              ("wide.w", [256, 128]), ("clipped.w", [4, 6]), ("unused", [5, 7])] {
            sketch.parameter(name, sizes)
        }
        sketch.parameter("steps", [3], .i64)
        sketch.node("c1", .conv, ["x", "conv1.w", "conv1.b"])
        sketch.node("bn", .batchNorm, ["c1", "bn.scale", "bn.bias", "bn.mean", "bn.var"])
        sketch.node("r", .relu, ["bn"])
        sketch.node("dw", .conv, ["r", "dw.w"], ["groups": .int(16)])
        sketch.node("r6", .clip, ["dw"], ["min": .float(0), "max": .float(6)])
        sketch.node("proj", .conv, ["r6", "proj.w"])
        sketch.node("up", .convTranspose, ["proj", "up.w"], ["groups": .int(2)])
        sketch.node("s", .sigmoid, ["up"])
        sketch.node("p", .prelu, ["s", "slope"])
        sketch.node("f", .flatten, ["p"])
        sketch.node("fc", .gemm, ["f", "fc.w", "fc.b"], ["trans_b": .bool(true)])
        sketch.node("fr", .relu, ["fc"])
        sketch.node("head", .matmul, ["fr", "head.w"])
        sketch.node("in", .instanceNorm, ["x", "in.scale", "in.bias"])
        sketch.node("big", .conv, ["in", "big.w"])
        sketch.node("sum", .add, ["big", "c1"])
        sketch.node("flat", .flatten, ["sum"])
        sketch.node("bigr", .leakyRelu, ["flat"])
        sketch.node("wide", .gemm, ["bigr", "wide.w"])
        sketch.node("clipped", .gemm, ["wide", "clipped.w"])
        sketch.node("bounded", .clip, ["clipped"], ["min": .float(-1), "max": .float(1)])
        return sketch
    }
}

@Suite struct WeightInitializerTests {
    @Test func choosesEachRuleByUse() throws {
        let rules = try WeightInitializer.rules(for: GraphSketch.network().graph)
        let expected: [String: InitializationRule] = [
            "conv1.w": .heNormal(fanIn: 27),                      // conv → batch_norm → relu
            "conv1.b": .constant(0),
            "bn.scale": .constant(1), "bn.bias": .constant(0), "bn.mean": .constant(0), "bn.var": .constant(1),
            "dw.w": .heNormal(fanIn: 9),                          // depthwise → clip{min=0} (relu6)
            "proj.w": .glorotUniform(fanIn: 16, fanOut: 32),      // linear bottleneck
            "up.w": .glorotUniform(fanIn: 64, fanOut: 32),        // conv_transpose, groups 2 → sigmoid
            "slope": .constant(0.25),
            "fc.w": .heNormal(fanIn: 512),                        // gemm trans_b → relu
            "fc.b": .constant(0),
            "head.w": .glorotUniform(fanIn: 10, fanOut: 4),       // matmul b [K, N], nothing after
            "big.w": .heNormal(fanIn: 27),                        // conv → add → flatten → leaky_relu
            "in.scale": .constant(1), "in.bias": .constant(0),
            "wide.w": .glorotUniform(fanIn: 256, fanOut: 128),    // gemm b [K, N] → gemm
            "clipped.w": .glorotUniform(fanIn: 4, fanOut: 6),     // → clip{min=-1}: not a rectifier
            "unused": .glorotUniform(fanIn: 7, fanOut: 5),
            "steps": .glorotUniform(fanIn: 3, fanOut: 3),
        ]
        #expect(rules == expected)
    }

    @Test func takesFansFromTheOperandPositionAndTransposition() throws {
        var sketch = GraphSketch()
        sketch.parameter("a", [6, 10])
        sketch.parameter("batched", [3, 5, 7])
        sketch.parameter("vector", [9])
        sketch.parameter("scale", [4])
        sketch.node("y", .gemm, ["a", "x"], ["trans_a": .bool(true)])     // a is [K=6, M=10]
        sketch.node("z", .matmul, ["batched", "y"])                        // a is [3, M=5, K=7]
        sketch.node("v", .matmul, ["z", "vector"])                         // b is [K=9]
        sketch.node("w", .mul, ["v", "scale"])
        sketch.node("u", .batchNorm, ["w", "scale", "scale", "scale", "scale"])
        #expect(try WeightInitializer.rules(for: sketch.graph) == [
            "a": .glorotUniform(fanIn: 6, fanOut: 10),
            "batched": .glorotUniform(fanIn: 7, fanOut: 5),
            "vector": .glorotUniform(fanIn: 9, fanOut: 1),
            "scale": .glorotUniform(fanIn: 4, fanOut: 4),                  // first use decides: mul
        ])
    }

    @Test func fillsConstantsAndIntegerParameters() throws {
        let store = try WeightInitializer.initialize(GraphSketch.network().graph, seed: 7)
        #expect(store["conv1.b"]?.floats() == [Float](repeating: 0, count: 16))
        #expect(store["bn.var"]?.floats() == [Float](repeating: 1, count: 16))
        #expect(store["slope"]?.floats() == [Float](repeating: 0.25, count: 8))
        #expect(store["steps"]?.int64s() == [0, 0, 0])
        #expect(store.names.count == 20)
        #expect(store.metadata[WeightInitializer.seedMetadataKey] == "7")
        #expect(try store.bind(to: GraphSketch.network().graph).count == 20)
    }

    @Test func sameSeedGivesBitIdenticalTensorsAndOtherSeedsDiffer() throws {
        let graph = GraphSketch.network().graph
        let first = try WeightInitializer.initialize(graph, seed: 42)
        #expect(try WeightInitializer.initialize(graph, seed: 42) == first)
        #expect(try SafeTensors.encode(WeightInitializer.initialize(graph, seed: 42)) == SafeTensors.encode(first))
        let other = try WeightInitializer.initialize(graph, seed: 43)
        for name in ["conv1.w", "proj.w", "fc.w", "unused"] { #expect(other[name] != first[name], "\(name)") }
        for name in ["conv1.b", "bn.scale", "slope"] { #expect(other[name] == first[name], "\(name)") }
    }

    @Test func seedsAreStableAcrossRunsAndIndependentPerParameter() throws {
        var generator = WeightInitializer.generator(seed: 42, name: "conv1.w")
        #expect(generator.next() == WeightInitializerTests.goldenFirstDraw)
        var sketch = GraphSketch.network()
        let before = try WeightInitializer.initialize(sketch.graph, seed: 5)
        sketch.parameter("extra", [3, 3])
        let after = try WeightInitializer.initialize(sketch.graph, seed: 5)
        for name in before.names { #expect(after[name] == before[name], "\(name)") }
    }

    /// The first draw of the generator for seed 42 and `conv1.w` (FNV-1a of the name, SplitMix64),
    /// computed independently of cnnc.
    static let goldenFirstDraw: UInt64 = 15_420_469_575_169_371_775

    @Test func heNormalHasTheExpectedDeviation() throws {
        var sketch = GraphSketch()
        sketch.parameter("w", [64, 32, 3, 3])
        sketch.node("y", .conv, ["x", "w"])
        sketch.node("r", .relu, ["y"])
        let values = try #require(try WeightInitializer.initialize(sketch.graph, seed: 3)["w"]?.doubles())
        let count = Double(values.count)          // 18432 samples, fan_in 288
        let deviation = (2.0 / 288).squareRoot()  // 0.0833
        let mean = values.reduce(0, +) / count
        let sampleDeviation = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (count - 1)).squareRoot()
        // The sample mean has standard error σ/√n (0.00061); the sample deviation has relative
        // standard error 1/√(2n) (0.52%). Allow 4 and about 6 standard errors.
        #expect(abs(mean) < 4 * deviation / count.squareRoot())
        #expect(abs(sampleDeviation / deviation - 1) < 0.03)
    }

    @Test func glorotUniformStaysInItsLimitWithTheExpectedVariance() throws {
        var sketch = GraphSketch()
        sketch.parameter("w", [256, 128])
        sketch.node("y", .gemm, ["x", "w"])
        let values = try #require(try WeightInitializer.initialize(sketch.graph, seed: 3)["w"]?.doubles())
        let count = Double(values.count)          // 32768 samples
        let limit = (6.0 / (256 + 128)).squareRoot()  // 0.125
        #expect(values.allSatisfy { abs($0) <= limit })
        #expect(values.map(abs).max() ?? 0 > 0.99 * limit)
        let meanSquare = values.reduce(0) { $0 + $1 * $1 } / count
        // E[x²] = l²/3; its estimate has relative standard error 3·√(4/45/n) (0.49%): allow ~6.
        #expect(abs(meanSquare / (limit * limit / 3) - 1) < 0.03)
    }

    @Test func reportsParametersThatCannotBeInitialised() throws {
        var sketch = GraphSketch()
        sketch.parameters.append(ValueDeclaration(name: "w", type: TensorType(.f32, Shape([.named("C"), .fixed(3)])),
                                                  location: SourceLocation(file: "m.ir", line: 3, column: 3)))
        sketch.parameter("huge", [1 << 40, 1 << 40])
        let list = try #require(throws: DiagnosticList.self) { try WeightInitializer.initialize(sketch.graph, seed: 0) }
        #expect(list.diagnostics.count == 2)
        #expect(list.diagnostics.first?.description == "m.ir:3:3: error: parameter %w: declared f32[C,3]; bind C before initialising it")
        #expect(list.diagnostics.last?.message.hasPrefix("parameter %huge: a tensor of type f32[1099511627776,1099511627776] has more bytes") == true)
    }
}
