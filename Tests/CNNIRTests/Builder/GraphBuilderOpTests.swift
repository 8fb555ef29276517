import CNNIR
import Testing

/// Every op of the op set has a typed builder method whose defaults are the schema's: called
/// with only the required arguments, it stores only the required attributes.
@Suite struct GraphBuilderOpTests {
    /// The values every case may use.
    struct Values {
        let b = GraphBuilder(name: "ops")
        let x: GraphValue, weight: GraphValue, transposedWeight: GraphValue, channel: GraphValue
        let slope: GraphValue, matrix: GraphValue, other: GraphValue, labels: GraphValue, singleton: GraphValue
        let flags: GraphValue

        init() throws {
            x = try b.input("x", TensorType(.f32, [2, 4, 8, 8]))
            weight = try b.parameter("weight", TensorType(.f32, [6, 4, 3, 3]))
            transposedWeight = try b.parameter("transposed", TensorType(.f32, [4, 6, 3, 3]))
            channel = try b.parameter("channel", TensorType(.f32, [4]))
            slope = try b.parameter("slope", TensorType(.f32, [4, 1, 1]))
            matrix = try b.input("matrix", TensorType(.f32, [2, 5]))
            other = try b.input("other", TensorType(.f32, [5, 3]))
            labels = try b.input("labels", TensorType(.i64, [2]))
            singleton = try b.input("singleton", TensorType(.f32, [2, 1, 5]))
            flags = try b.input("flags", TensorType(.bool, [2, 5]))
        }
    }

    /// One op, built with its typed method and only the required arguments.
    struct Case: Sendable, CustomTestStringConvertible {
        let op: OpKind
        let attributes: Set<String>
        let result: TensorType
        let build: @Sendable (Values) throws -> GraphValue

        init(_ op: OpKind, _ attributes: Set<String> = [], _ result: [Int], dtype: DType = .f32,
             _ build: @escaping @Sendable (Values) throws -> GraphValue) {
            self.op = op
            self.attributes = attributes
            self.result = TensorType(dtype, result)
            self.build = build
        }

        var testDescription: String { op.rawValue }
    }

    static let image = [2, 4, 8, 8]
    static let cases: [Case] = [
        Case(.constant, ["value"], [2]) { try $0.b.constant(TensorLiteral(type: TensorType(.f32, [2]), storage: .floating([1, 2]))) },
        Case(.conv, [], [2, 6, 6, 6]) { try $0.b.conv($0.x, weight: $0.weight) },
        Case(.fusedConv, [], [2, 6, 6, 6]) {
            try $0.b.fusedConv($0.x, weight: $0.weight, bias: $0.b.parameter("fused_bias", TensorType(.f32, [6])))
        },
        Case(.convTranspose, [], [2, 6, 10, 10]) { try $0.b.convTranspose($0.x, weight: $0.transposedWeight) },
        Case(.maxPool, ["kernel"], [2, 4, 7, 7]) { try $0.b.maxPool($0.x, kernel: [2, 2]) },
        Case(.avgPool, ["kernel"], [2, 4, 7, 7]) { try $0.b.avgPool($0.x, kernel: [2, 2]) },
        Case(.globalAvgPool, [], [2, 4, 1, 1]) { try $0.b.globalAvgPool($0.x) },
        Case(.globalMaxPool, [], [2, 4, 1, 1]) { try $0.b.globalMaxPool($0.x) },
        Case(.batchNorm, [], image) {
            try $0.b.batchNorm($0.x, scale: $0.channel, bias: $0.channel, mean: $0.channel, variance: $0.channel)
        },
        Case(.instanceNorm, [], image) { try $0.b.instanceNorm($0.x, scale: $0.channel, bias: $0.channel) },
        Case(.lrn, ["size"], image) { try $0.b.lrn($0.x, size: 3) },
        Case(.relu, [], image) { try $0.b.relu($0.x) },
        Case(.leakyRelu, [], image) { try $0.b.leakyRelu($0.x) },
        Case(.prelu, [], image) { try $0.b.prelu($0.x, slope: $0.slope) },
        Case(.clip, [], image) { try $0.b.clip($0.x) },
        Case(.sigmoid, [], image) { try $0.b.sigmoid($0.x) },
        Case(.tanh, [], image) { try $0.b.tanh($0.x) },
        Case(.hardSigmoid, [], image) { try $0.b.hardSigmoid($0.x) },
        Case(.hardSwish, [], image) { try $0.b.hardSwish($0.x) },
        Case(.silu, [], image) { try $0.b.silu($0.x) },
        Case(.elu, [], image) { try $0.b.elu($0.x) },
        Case(.softmax, [], image) { try $0.b.softmax($0.x) },
        Case(.logSoftmax, [], image) { try $0.b.logSoftmax($0.x) },
        Case(.gemm, [], [2, 3]) { try $0.b.gemm($0.matrix, $0.other) },
        Case(.matmul, [], [2, 3]) { try $0.b.matmul($0.matrix, $0.other) },
        Case(.add, [], image) { try $0.b.add($0.x, $0.slope) },
        Case(.sub, [], image) { try $0.b.sub($0.x, $0.slope) },
        Case(.mul, [], image) { try $0.b.mul($0.x, $0.slope) },
        Case(.div, [], image) { try $0.b.div($0.x, $0.slope) },
        Case(.concat, ["axis"], [2, 8, 8, 8]) { try $0.b.concat([$0.x, $0.x], axis: 1) },
        Case(.flatten, [], [2, 256]) { try $0.b.flatten($0.x) },
        Case(.reshape, ["shape"], [2, 256]) { try $0.b.reshape($0.x, shape: [0, -1]) },
        Case(.transpose, [], [8, 8, 4, 2]) { try $0.b.transpose($0.x) },
        Case(.pad, ["pads"], [2, 4, 10, 10]) { try $0.b.pad($0.x, pads: [0, 0, 1, 1, 0, 0, 1, 1]) },
        Case(.resize, ["scales"], [2, 4, 16, 16]) { try $0.b.resize($0.x, scales: [1, 1, 2, 2]) },
        Case(.dropout, [], image) { try $0.b.dropout($0.x) },
        Case(.identity, [], image) { try $0.b.identity($0.x) },
        Case(.squeeze, [], [2, 5]) { try $0.b.squeeze($0.singleton) },
        Case(.unsqueeze, ["axes"], [1, 2, 5]) { try $0.b.unsqueeze($0.matrix, axes: [0]) },
        Case(.softmaxCrossEntropy, [], []) { try $0.b.softmaxCrossEntropy($0.matrix, labels: $0.labels) },
        Case(.mse, [], []) { try $0.b.mse($0.matrix, target: $0.matrix) },
        Case(.hinge, [], []) { try $0.b.hinge($0.matrix, labels: $0.labels) },
        Case(.slice, ["starts", "ends"], [1, 4, 8, 8]) { try $0.b.slice($0.x, starts: [1], ends: [3]) },
        Case(.split, [], [1, 4, 8, 8]) { try $0.b.split($0.x, parts: 2)[0] },
        Case(.reduceMean, [], [1, 1, 1, 1]) { try $0.b.reduceMean($0.x) },
        Case(.reduceSum, [], [1, 1, 1, 1]) { try $0.b.reduceSum($0.x) },
        Case(.reduceMax, [], [1, 1, 1, 1]) { try $0.b.reduceMax($0.x) },
        Case(.reduceMin, [], [1, 1, 1, 1]) { try $0.b.reduceMin($0.x) },
        Case(.reduceL2, [], [1, 1, 1, 1]) { try $0.b.reduceL2($0.x) },
        Case(.argmax, [], [1, 4, 8, 8], dtype: .i64) { try $0.b.argmax($0.x) },
        Case(.argmin, [], [1, 4, 8, 8], dtype: .i64) { try $0.b.argmin($0.x) },
        Case(.pow, [], image) { try $0.b.pow($0.x, $0.slope) },
        Case(.sqrt, [], image) { try $0.b.sqrt($0.x) },
        Case(.exp, [], image) { try $0.b.exp($0.x) },
        Case(.log, [], image) { try $0.b.log($0.x) },
        Case(.neg, [], [2], dtype: .i64) { try $0.b.neg($0.labels) },
        Case(.abs, [], image) { try $0.b.abs($0.x) },
        Case(.reciprocal, [], image) { try $0.b.reciprocal($0.x) },
        Case(.erf, [], image) { try $0.b.erf($0.x) },
        Case(.softplus, [], image) { try $0.b.softplus($0.x) },
        Case(.gelu, [], image) { try $0.b.gelu($0.x) },
        Case(.sum, [], image) { try $0.b.sum([$0.x, $0.slope, $0.x]) },
        Case(.max, [], image) { try $0.b.max([$0.x, $0.slope]) },
        Case(.min, [], image) { try $0.b.min([$0.x]) },
        Case(.mean, [], image) { try $0.b.mean([$0.slope, $0.x]) },
        Case(.equal, [], image, dtype: .bool) { try $0.b.equal($0.x, $0.slope) },
        Case(.less, [], image, dtype: .bool) { try $0.b.less($0.x, $0.slope) },
        Case(.greater, [], [2, 5], dtype: .bool) { try $0.b.greater($0.matrix, $0.matrix) },
        Case(.where, [], [2, 2, 5]) { try $0.b.where($0.flags, $0.matrix, $0.singleton) },
        Case(.expand, ["shape"], [3, 2, 5]) { try $0.b.expand($0.matrix, shape: [3, 1, 1]) },
        Case(.tile, ["repeats"], [4, 5]) { try $0.b.tile($0.matrix, repeats: [2, 1]) },
        Case(.cast, ["to"], [2, 5], dtype: .i64) { try $0.b.cast($0.matrix, to: .i64) },
        Case(.depthToSpace, ["blocksize"], [2, 1, 16, 16]) { try $0.b.depthToSpace($0.x, blocksize: 2) },
        Case(.spaceToDepth, ["blocksize"], [2, 16, 4, 4]) { try $0.b.spaceToDepth($0.x, blocksize: 2) },
        Case(.nllLoss, [], []) { try $0.b.nllLoss($0.matrix, labels: $0.labels) },
        Case(.nllLossGrad, [], [2, 5]) { try $0.b.nllLossGrad($0.matrix, labels: $0.labels, dloss: $0.b.input("dloss", TensorType(.f32, []))) },
        Case(.sgdUpdate, [], [2, 5]) { try $0.b.sgdUpdate($0.matrix, gradient: $0.matrix, learningRate: $0.b.input("lr", TensorType(.f32, []))) },
        Case(.momentumUpdate, [], [2, 5]) { values in
            try values.b.momentumUpdate(values.matrix, gradient: values.matrix, velocity: values.matrix,
                                        learningRate: values.b.input("lr", TensorType(.f32, [])), step: values.b.input("step", TensorType(.i64, []))).x
        },
        Case(.adagradUpdate, [], [2, 5]) { values in
            try values.b.adagradUpdate(values.matrix, gradient: values.matrix, accumulator: values.matrix,
                                       learningRate: values.b.input("lr", TensorType(.f32, [])), step: values.b.input("step", TensorType(.i64, []))).x
        },
        Case(.adamUpdate, [], [2, 5]) { values in
            try values.b.adamUpdate(values.matrix, gradient: values.matrix, firstMoment: values.matrix, secondMoment: values.matrix,
                                    learningRate: values.b.input("lr", TensorType(.f32, [])), step: values.b.input("step", TensorType(.i64, []))).x
        },
        Case(.rmspropUpdate, [], [2, 5]) { values in
            try values.b.rmspropUpdate(values.matrix, gradient: values.matrix, meanSquare: values.matrix,
                                       learningRate: values.b.input("lr", TensorType(.f32, []))).x
        },
        Case(.learningRate, ["base"], []) { try $0.b.learningRate(step: $0.b.input("step", TensorType(.i64, [])), base: 0.1) },
        Case(.globalNormScale, ["max_norm"], []) { try $0.b.globalNormScale([$0.x, $0.matrix], maxNorm: 1) },
        Case(.convWeightGrad, ["kernel"], [6, 4, 3, 3]) {
            try $0.b.convWeightGrad($0.x, dy: $0.b.input("conv_gradient", TensorType(.f32, [2, 6, 6, 6])), kernel: [3, 3])
        },
        Case(.maxPoolGrad, ["kernel"], image) {
            try $0.b.maxPoolGrad($0.x, dy: $0.b.input("pool_gradient", TensorType(.f32, [2, 4, 7, 7])), kernel: [2, 2])
        },
        Case(.avgPoolGrad, ["kernel"], image) {
            try $0.b.avgPoolGrad($0.x, dy: $0.b.input("pool_gradient", TensorType(.f32, [2, 4, 7, 7])), kernel: [2, 2])
        },
        Case(.padGrad, ["pads"], image) {
            try $0.b.padGrad($0.x, dy: $0.b.input("pad_gradient", TensorType(.f32, [2, 4, 10, 10])), pads: [0, 0, 1, 1, 0, 0, 1, 1])
        },
        Case(.resizeGrad, ["scales"], image) {
            try $0.b.resizeGrad($0.x, dy: $0.b.input("resize_gradient", TensorType(.f32, [2, 4, 16, 16])), scales: [1, 1, 2, 2])
        },
        Case(.batchNormTrain, [], image) {
            try $0.b.batchNormTrain($0.x, scale: $0.channel, bias: $0.channel, runningMean: $0.channel, runningVariance: $0.channel).y
        },
        Case(.batchNormGrad, [], image) {
            try $0.b.batchNormGrad($0.x, scale: $0.channel, batchMean: $0.channel, batchInverseStd: $0.channel, dy: $0.x).dx
        },
        Case(.instanceNormGrad, [], image) { try $0.b.instanceNormGrad($0.x, scale: $0.channel, dy: $0.x).dx },
        Case(.activationGrad, ["activation"], image) { try $0.b.activationGrad($0.x, dy: $0.x, activation: .gelu) },
        Case(.softmaxCrossEntropyGrad, [], [2, 5]) {
            try $0.b.softmaxCrossEntropyGrad($0.matrix, labels: $0.labels, dloss: $0.b.input("dloss", TensorType(.f32, [])))
        },
        Case(.hingeGrad, [], [2, 5]) { try $0.b.hingeGrad($0.matrix, labels: $0.labels, dloss: $0.b.input("dloss", TensorType(.f32, []))) },
    ]

    @Test func everyOpHasATypedMethod() {
        #expect(Set(Self.cases.map(\.op)) == Set(OpKind.allCases))
        #expect(Self.cases.count == OpKind.allCases.count)
    }

    @Test(arguments: cases)
    func typedMethodDefaultsAreTheSchemaDefaults(_ testCase: Case) throws {
        let values = try Values()
        let result = try testCase.build(values)
        #expect(result.type == testCase.result)
        try values.b.output(result)
        let node = try #require(values.b.build().nodes.last)
        #expect(node.op == testCase.op)
        #expect(Set(node.attributes.sortedNames) == testCase.attributes)
        let required = Set(testCase.op.schema.attributes.filter { $0.defaultValue == nil }.map(\.name))
        #expect(required.isSubset(of: testCase.attributes))
    }

    @Test func splitGivesOneValuePerPartNamedOrNumbered() throws {
        let values = try Values()
        let b = values.b
        let halves = try b.split(values.x, axis: 1, sizes: [1, 3], names: ["left", "right"])
        #expect(halves.map(\.name) == ["left", "right"])
        #expect(halves.map(\.type) == [TensorType(.f32, [2, 1, 8, 8]), TensorType(.f32, [2, 3, 8, 8])])
        let thirds = try b.split(values.matrix, axis: -1, parts: 3)
        #expect(thirds.map(\.name) == ["0", "1", "2"])
        #expect(thirds.map(\.type.shape) == [Shape([2, 2]), Shape([2, 2]), Shape([2, 1])])
        #expect(try b.relu(thirds[2]).name == "3")
        for value in halves + thirds { try b.output(value) }
        let graph = try b.build()
        #expect(graph.nodes[0].results.map(\.name) == ["left", "right"])
        #expect(graph.nodes[1].attributes == ["axis": .int(-1)])
        #expect(throws: Diagnostic.self) { try b.split(values.x, sizes: [1, 1], names: ["only"]) }
        #expect(throws: Diagnostic.self) { try b.split(values.x, sizes: [1, 1], names: ["twice", "twice"]) }
        #expect(throws: Diagnostic.self) { try b.split(values.matrix, axis: 1, parts: 4) }
        #expect(try b.build().nodes.count == 3, "a rejected split adds no node")
    }

    @Test func maxPoolWithIndicesGivesTwoResults() throws {
        let values = try Values()
        let b = values.b
        let pooled = try b.maxPoolWithIndices(values.x, kernel: [2, 2], strides: [2, 2], columnMajor: true, names: ["y", "where"])
        #expect(pooled.values.type == TensorType(.f32, [2, 4, 4, 4]))
        #expect(pooled.indices.type == TensorType(.i64, [2, 4, 4, 4]))
        try b.output(pooled.indices)
        let node = try #require(try b.build().nodes.first)
        #expect(node.results.map(\.name) == ["y", "where"])
        #expect(node.attributes == ["kernel": .ints([2, 2]), "strides": .ints([2, 2]), "storage_order": .int(1)])
    }

    @Test func typedArgumentsBecomeAttributes() throws {
        let values = try Values()
        let b = values.b
        let conv = try b.conv(values.x, weight: values.weight, bias: b.parameter("bias", TensorType(.f32, [6])),
                              strides: [2, 2], dilations: [1, 1], autoPad: .sameUpper, name: "conv")
        #expect(conv.type == TensorType(.f32, [2, 6, 4, 4]))
        let pool = try b.avgPool(values.x, kernel: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1], ceilMode: true,
                                 countIncludePad: true, name: "pool")
        let gemm = try b.gemm(values.other, values.matrix, alpha: 0.5, transA: true, transB: true, name: "gemm")
        #expect(gemm.type == TensorType(.f32, [3, 2]))
        let loss = try b.softmaxCrossEntropy(values.matrix, labels: values.labels, reduction: .none, name: "loss")
        #expect(loss.type == TensorType(.f32, [2]))
        let relu6 = try b.relu6(values.x, name: "relu6")
        for output in [conv, pool, gemm, loss, relu6] { try b.output(output) }
        let attributes = Dictionary(uniqueKeysWithValues: try b.build().nodes.map { ($0.name, $0.attributes) })
        #expect(attributes["conv"] == ["strides": .ints([2, 2]), "dilations": .ints([1, 1]), "auto_pad": .string("same_upper")])
        #expect(attributes["pool"] == ["kernel": .ints([3, 3]), "strides": .ints([2, 2]), "pads": .ints([1, 1, 1, 1]),
                                       "ceil_mode": .bool(true), "count_include_pad": .bool(true)])
        #expect(attributes["gemm"] == ["alpha": .float(0.5), "trans_a": .bool(true), "trans_b": .bool(true)])
        #expect(attributes["loss"] == ["reduction": .string("none")])
        #expect(attributes["relu6"] == ["min": .float(0), "max": .float(6)])
    }
}
