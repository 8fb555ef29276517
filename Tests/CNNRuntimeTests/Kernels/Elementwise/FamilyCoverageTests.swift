import Testing
import CNNIR
import CNNRuntime

/// Every op that the pooling, normalization, element-wise, reduction and data-movement families
/// claim gets an f32 kernel (checked against the reference) and no kernel for f64; ops a family
/// does not claim get none from it.
@Suite("General kernel families cover their ops")
struct FamilyCoverageTests {
    /// Each family with the ops it claims.
    static let families: [(KernelFamily, Set<OpKind>)] = [
        (PoolingKernels(), PoolingKernels.operations), (NormalizationKernels(), NormalizationKernels.operations),
        (ElementwiseKernels(), ElementwiseKernels.operations), (ReductionKernels(), ReductionKernels.operations),
        (DataMovementKernels(), DataMovementKernels.operations),
    ]

    @Test("every claimed op has an f32 kernel matching the reference, and none for f64", arguments: 0..<5)
    func claimedOps(family index: Int) throws {
        let (family, operations) = Self.families[index]
        for op in operations.sorted(by: { $0.rawValue < $1.rawValue }) {
            let (operands, attributes) = try sample(op)
            let resultCount = op == .split ? 2 : 1
            try KernelHarness.checkAgainstReference(family, op, operands: operands, attributes: attributes, resultCount: resultCount,
                                                    configuration: KernelHarness.describe(op, operands, attributes))
            let doubles = try operands.map { $0.dtype == .f32 ? try $0.converted(to: .f64) : $0 }
            let request = try KernelHarness.request(op, operands: doubles, attributes: attributes, resultCount: resultCount)
            #expect(try family.makeKernel(for: request) == nil, "\(op) on f64")
        }
    }

    @Test("a family offers nothing for ops it does not claim", arguments: 0..<5)
    func unclaimedOps(family index: Int) throws {
        let (family, operations) = Self.families[index]
        let x = try Tensor(shape: [1, 2, 4, 4], scalars: (0..<32).map { Float($0) })
        let weight = try Tensor(shape: [2, 2, 1, 1], scalars: [1, 0, 0, 1])
        for (op, operands) in [(OpKind.conv, [x, weight]), (.relu, [x]), (.maxPool, [x]), (.transpose, [x]), (.lrn, [x])]
        where !operations.contains(op) {
            let attributes: Attributes = op == .maxPool ? ["kernel": .ints([2, 2])] : op == .lrn ? ["size": .int(3)] : Attributes()
            let request = try KernelHarness.request(op, operands: operands, attributes: attributes)
            #expect(try family.makeKernel(for: request) == nil, "\(op)")
        }
    }

    @Test("the five families together claim exactly the pooling, normalization, activation, math, reduction and data-movement ops, each once")
    func claimedOpSet() {
        let expected: Set<OpKind> = [
            .maxPool, .avgPool, .globalAvgPool, .globalMaxPool, .batchNorm, .instanceNorm, .lrn,
            .relu, .leakyRelu, .prelu, .clip, .sigmoid, .tanh, .hardSigmoid, .hardSwish, .silu, .elu, .softmax, .logSoftmax,
            .add, .sub, .mul, .div, .identity, .dropout,
            .sqrt, .exp, .log, .neg, .abs, .reciprocal, .erf, .softplus, .gelu,
            .pow, .sum, .max, .min, .mean, .equal, .less, .greater, .where,
            .reduceSum, .reduceMean, .reduceMax, .reduceMin, .reduceL2, .argmax, .argmin,
            .concat, .flatten, .reshape, .transpose, .pad, .resize, .squeeze, .unsqueeze,
            .slice, .split, .expand, .tile, .depthToSpace, .spaceToDepth,
        ]
        let claimed = Self.families.map(\.1).reduce(into: Set<OpKind>()) { $0.formUnion($1) }
        #expect(claimed == expected)
        #expect(Self.families.map(\.1.count).reduce(0, +) == claimed.count, "no op is claimed twice")
    }

    /// A small valid configuration of `op`.
    private func sample(_ op: OpKind) throws -> ([Tensor], Attributes) {
        var generator = SeededGenerator(seed: UInt64(op.rawValue.utf8.count))
        let x = try generator.nextTensor([2, 3, 5, 6])
        let channel = try generator.nextTensor([3], .uniform(0.5...1.5))
        switch op {
        case .maxPool, .avgPool: return ([x], ["kernel": .ints([2, 2])])
        case .batchNorm: return ([x, channel, channel, channel, channel], Attributes())
        case .instanceNorm: return ([x, channel, channel], Attributes())
        case .lrn: return ([x], ["size": .int(3)])
        case .prelu: return ([x, try generator.nextTensor([3, 1, 1])], Attributes())
        case .add, .sub, .mul, .div: return ([x, try generator.nextTensor([6], .uniform(0.5...1.5))], Attributes())
        case .concat: return ([x, x], ["axis": .int(1)])
        case .reshape: return ([x], ["shape": .ints([6, -1])])
        case .squeeze: return ([try generator.nextTensor([2, 1, 3])], Attributes())
        case .unsqueeze: return ([x], ["axes": .ints([0])])
        case .pad: return ([x], ["pads": .ints([0, 1, 1, 0, 1, 0, 1, 2])])
        case .resize: return ([x], ["scales": .floats([1, 1, 2, 1.5])])
        case .pow: return ([try generator.nextTensor([2, 3, 5, 6], .uniform(0.5...2)), try generator.nextTensor([5, 1])], Attributes())
        case .sum, .max, .min, .mean: return ([x, try generator.nextTensor([3, 1, 6]), try generator.nextTensor([6])], Attributes())
        case .equal, .less, .greater: return ([x, try generator.nextTensor([5, 6])], Attributes())
        case .where:
            let condition = try Tensor(shape: [5, 1], elements: [true, false, true, true, false])
            return ([condition, x, try generator.nextTensor([6])], Attributes())
        case .sqrt, .log: return ([try generator.nextTensor([2, 3, 5, 6], .uniform(0.1...4))], Attributes())
        case .gelu: return ([x], ["approximate": .string("tanh")])
        case .reduceSum, .reduceMean, .reduceMax, .reduceMin, .reduceL2: return ([x], ["axes": .ints([1, 3])])
        case .argmax, .argmin: return ([x], ["axis": .int(2)])
        case .slice: return ([x], ["starts": .ints([1, -1]), "ends": .ints([3, 0]), "axes": .ints([1, 3]), "steps": .ints([1, -2])])
        case .split: return ([x], ["axis": .int(3), "split": .ints([2, 4])])
        case .expand: return ([try generator.nextTensor([3, 1, 6])], ["shape": .ints([2, 1, 4, 1])])
        case .tile: return ([x], ["repeats": .ints([1, 2, 1, 3])])
        case .depthToSpace: return ([try generator.nextTensor([1, 8, 3, 2])], ["blocksize": .int(2)])
        case .spaceToDepth: return ([try generator.nextTensor([1, 2, 4, 6])], ["blocksize": .int(2)])
        default: return ([x], Attributes())
        }
    }
}
