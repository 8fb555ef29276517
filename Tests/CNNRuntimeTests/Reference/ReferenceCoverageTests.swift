import Testing
import CNNIR
import CNNRuntime

@Suite("Reference kernel coverage")
struct ReferenceCoverageTests: RuntimeTestHelpers {
    @Test("every op has a reference kernel", arguments: OpKind.allCases)
    func everyOpHasAKernel(op: OpKind) {
        #expect(ReferenceKernels.supports(op))
    }

    @Test("every op evaluates, and its result has the type the op's schema infers", arguments: OpKind.allCases)
    func resultTypesMatchInference(op: OpKind) throws {
        let sample = try sampleInvocation(op)
        let results = try ReferenceKernels.evaluate(op, operands: sample.operands, attributes: sample.attributes,
                                                    resultCount: op == .split ? 2 : 1)
        let schema = op.schema
        let context = InferenceContext(op: op, operands: sample.operands.map(\.type),
                                       attributes: try schema.resolve(sample.attributes), resultCount: results.count)
        let inferred = try schema.inferTypes(context)
        #expect(results.map(\.type) == inferred)
        let finite = results.allSatisfy { result in result.doubles.allSatisfy { $0.isFinite } }
        #expect(finite)
    }
}

extension ReferenceCoverageTests {
    /// One small invocation of every op (the switch is exhaustive, so a new op needs a sample).
    func sampleInvocation(_ op: OpKind) throws -> (operands: [Tensor], attributes: Attributes) {
        let matrix = try randomTensor([2, 3], seed: 1), image = try randomTensor([1, 2, 4, 4], seed: 2)
        let labels = try Tensor(shape: [3], elements: [0, 3, 1] as [Int64])
        switch op {
        case .constant:
            let literal = TensorLiteral(type: TensorType(.f32, [2]), storage: .floating([1, 2]))
            return ([], ["value": .tensor(literal)])
        case .conv: return ([image, try randomTensor([3, 2, 3, 3], seed: 3), try randomTensor([3], seed: 4)], [:])
        case .fusedConv:
            let convolved = [image, try randomTensor([3, 2, 3, 3], seed: 3), try randomTensor([3], seed: 4)]
            return (convolved + [try randomTensor([1, 3, 2, 2], seed: 31)], ["activation": .string("silu")])
        case .convTranspose: return ([image, try randomTensor([2, 3, 3, 3], seed: 5)], ["strides": .ints([2, 2])])
        case .maxPool, .avgPool: return ([image], ["kernel": .ints([2, 2]), "strides": .ints([2, 2])])
        case .globalAvgPool, .globalMaxPool: return ([image], [:])
        case .batchNorm:
            let variance = try Tensor.random(shape: [2], dtype: .f64, distribution: .uniform(0.5...1.5), seed: 6)
            return ([image] + (try (7...9).map { try randomTensor([2], seed: $0) }) + [variance], [:])
        case .instanceNorm: return ([image, try randomTensor([2], seed: 10), try randomTensor([2], seed: 11)], [:])
        case .lrn: return ([image], ["size": .int(3)])
        case .relu, .leakyRelu, .clip, .sigmoid, .tanh, .hardSigmoid, .hardSwish, .silu, .elu, .softmax, .logSoftmax,
             .dropout, .identity, .transpose:
            return ([matrix], [:])
        case .prelu: return ([image, try randomTensor([2, 1, 1], seed: 12)], [:])
        case .gemm: return ([matrix, try randomTensor([3, 4], seed: 13), try randomTensor([4], seed: 14)], [:])
        case .matmul: return ([matrix, try randomTensor([3, 4], seed: 15)], [:])
        case .add, .sub, .mul, .div: return ([matrix, try randomTensor([3], seed: 16)], [:])
        case .concat: return ([matrix, try randomTensor([2, 1], seed: 17)], ["axis": .int(1)])
        case .flatten: return ([image], [:])
        case .reshape: return ([image], ["shape": .ints([0, -1])])
        case .pad: return ([matrix], ["pads": .ints([1, 0, 0, 2]), "mode": .string("reflect")])
        case .resize: return ([image], ["scales": .floats([1, 1, 2, 2]), "mode": .string("linear")])
        case .squeeze: return ([try randomTensor([1, 3, 1], seed: 18)], [:])
        case .unsqueeze: return ([matrix], ["axes": .ints([0, -1])])
        case .softmaxCrossEntropy, .hinge: return ([try randomTensor([3, 4], seed: 19), labels], [:])
        case .mse: return ([matrix, try randomTensor([2, 3], seed: 20)], [:])
        case .slice: return ([image], ["starts": .ints([-1, 0]), "ends": .ints([Int.min, 3]), "axes": .ints([2, 3]), "steps": .ints([-2, 2])])
        case .split: return ([matrix], ["axis": .int(1), "split": .ints([1, 2])])
        case .reduceMean, .reduceSum, .reduceMax, .reduceMin, .reduceL2: return ([image], ["axes": .ints([1, -1])])
        case .argmax, .argmin: return ([matrix], ["axis": .int(1), "keepdims": .bool(false)])
        case .pow: return ([try Tensor.random(shape: [2, 3], dtype: .f64, distribution: .uniform(0.5...2), seed: 21), try randomTensor([3], seed: 22)], [:])
        case .sqrt, .log, .reciprocal:
            return ([try Tensor.random(shape: [2, 3], dtype: .f64, distribution: .uniform(0.5...2), seed: 23)], [:])
        case .exp, .neg, .abs, .erf, .softplus, .gelu: return ([matrix], [:])
        case .sum, .max, .min, .mean: return ([matrix, try randomTensor([3], seed: 24), try randomTensor([2, 1], seed: 25)], [:])
        case .equal, .less, .greater: return ([matrix, try randomTensor([3], seed: 26)], [:])
        case .where:
            let condition = try Tensor.random(shape: [2, 1], dtype: .bool, seed: 27)
            return ([condition, matrix, try randomTensor([3], seed: 28)], [:])
        case .expand: return ([try randomTensor([3, 1], seed: 29)], ["shape": .ints([2, 1, 4])])
        case .tile: return ([matrix], ["repeats": .ints([2, 1])])
        case .cast: return ([matrix], ["to": .string("i64")])
        case .depthToSpace: return ([try randomTensor([1, 8, 2, 3], seed: 30)], ["blocksize": .int(2), "mode": .string("CRD")])
        case .spaceToDepth: return ([image], ["blocksize": .int(2)])
        case .batchNormTrain:
            let variance = try Tensor(shape: [2], elements: [0.5, 1.5])
            return ([image] + (try (40...42).map { try randomTensor([2], seed: $0) }) + [variance], [:])
        case .batchNormGrad:
            let inverseStd = try Tensor(shape: [2], elements: [0.8, 1.2])
            return ([image, try randomTensor([2], seed: 44), try randomTensor([2], seed: 45), inverseStd, try randomTensor([1, 2, 4, 4], seed: 46)], [:])
        case .instanceNormGrad: return ([image, try randomTensor([2], seed: 47), try randomTensor([1, 2, 4, 4], seed: 48)], [:])
        case .activationGrad: return ([matrix, try randomTensor([2, 3], seed: 49)], ["activation": .string("gelu")])
        case .softmaxCrossEntropyGrad:
            return ([try randomTensor([3, 4], seed: 50), labels, try randomTensor([4], seed: 51), try randomTensor([], seed: 52)], [:])
        case .hingeGrad: return ([try randomTensor([3, 4], seed: 53), labels, try randomTensor([], seed: 54)], [:])
        case .nllLoss: return ([try randomTensor([3, 4], seed: 60), labels], ["ignore_index": .ints([1])])
        case .nllLossGrad: return ([try randomTensor([3, 4], seed: 61), labels, try randomTensor([4], seed: 62), try randomTensor([], seed: 63)], [:])
        case .sgdUpdate, .momentumUpdate, .adagradUpdate, .adamUpdate, .rmspropUpdate:
            let states = op == .sgdUpdate ? 0 : op == .adamUpdate ? 2 : 1
            let tensors = try (0..<(2 + states)).map { _ in try Tensor.random(shape: [2, 3], dtype: .f64, distribution: .uniform(0...1), seed: 64) }
            let step = op == .sgdUpdate || op == .rmspropUpdate ? [] : [Tensor(scalar: Int64(3))]
            return (tensors + [Tensor(scalar: 0.1)] + step, [:])
        case .learningRate: return ([Tensor(scalar: Int64(7))], ["base": .float(0.1), "schedule": .string("cosine"), "decay_steps": .int(10)])
        case .globalNormScale: return ([matrix, image], ["max_norm": .float(1)])
        case .convWeightGrad: return ([image, try randomTensor([1, 3, 2, 2], seed: 70)], ["kernel": .ints([3, 3])])
        case .maxPoolGrad, .avgPoolGrad:
            return ([image, try randomTensor([1, 2, 2, 2], seed: 71)], ["kernel": .ints([2, 2]), "strides": .ints([2, 2])])
        case .padGrad:
            return ([image, try randomTensor([1, 2, 5, 7], seed: 72)], ["pads": .ints([0, 0, 1, 2, 0, 0, 0, 1]), "mode": .string("reflect")])
        case .resizeGrad: return ([image, try randomTensor([1, 2, 8, 8], seed: 73)], ["scales": .floats([1, 1, 2, 2]), "mode": .string("linear")])
        }
    }
}
