import Testing
import CNNIR
import CNNRuntime

/// The fast kernels of `PointwiseGradientKernels` against the reference on at least 200 random
/// configurations each (odd sizes, 1 to 3 threads, outputs poisoned with NaN by `KernelHarness`),
/// and bit-identical results on 1, 2 and 3 threads.
///
/// Bound: `KernelHarness.relativeL2Bound` (1e-5). The statistics and gradient sums are summed
/// in 16 f32 lanes per plane (relative error about √(P/16)·ε/2 for a plane of P elements) and
/// combined in Double; each output is then one or two fused multiply-adds. The activation
/// derivatives use cnnc's vector exp, sigmoid and erfc (a few ulp); softmax_cross_entropy_grad
/// one vector exp per logit and a Double row sum.
@Suite("Pointwise gradient kernels")
struct PointwiseGradientKernelTests {
    let family = PointwiseGradientKernels()

    @Test("batch_norm_train matches the reference on 200 random configurations")
    func batchNormTrain() throws {
        var generator = SeededGenerator(seed: 0xB7)
        for index in 0..<200 {
            let channels = generator.nextElement(of: [1, 2, 3, 5, 7, 13, 17])
            var shape = [generator.nextInt(in: 1...4), channels] + generator.nextShape(rank: generator.nextInt(in: 0...3), sizes: 1...(index % 4 == 0 ? 40 : 9))
            if shape[0] * shape[2...].reduce(1, *) < 2 { shape[0] = 2 }
            let operands = [try generator.nextTensor(shape, .normal(mean: 0.5, standardDeviation: 2)),
                            try generator.nextTensor([channels], .uniform(0.5...2)), try generator.nextTensor([channels]),
                            try generator.nextTensor([channels]), try generator.nextTensor([channels], .uniform(0.2...3))]
            var attributes = Attributes()
            if generator.nextChance(0.5) { attributes["epsilon"] = .float(generator.nextElement(of: [1e-3, 0.1, 1e-6])) }
            if generator.nextChance(0.5) { attributes["momentum"] = .float(generator.nextElement(of: [0, 0.5, 0.99, 1])) }
            try KernelHarness.checkAgainstReference(family, .batchNormTrain, operands: operands, attributes: attributes, resultCount: 5,
                                                    expectedKernel: "bn-train", threadCount: 1 + index % 3,
                                                    configuration: "#\(index) " + KernelHarness.describe(.batchNormTrain, operands, attributes))
        }
    }

    @Test("batch_norm_grad matches the reference on 200 random configurations, with the batch's statistics or others")
    func batchNormGrad() throws {
        var generator = SeededGenerator(seed: 0xB8)
        for index in 0..<200 {
            let channels = generator.nextElement(of: [1, 2, 3, 5, 7, 13, 17])
            var shape = [generator.nextInt(in: 1...4), channels] + generator.nextShape(rank: generator.nextInt(in: 0...3), sizes: 1...(index % 4 == 0 ? 40 : 9))
            if shape[0] * shape[2...].reduce(1, *) < 2 { shape[0] = 2 }
            let x = try generator.nextTensor(shape, .normal(mean: -0.5, standardDeviation: 2)), scale = try generator.nextTensor([channels], .uniform(0.5...2))
            var statistics = [try generator.nextTensor([channels]), try generator.nextTensor([channels], .uniform(0.3...2))]
            // With the batch's own statistics a channel of 1 or 2 values has dx ≈ 0 by cancellation
            // (`degenerateGroups` checks those); here such channels take other statistics.
            if index % 2 == 0 && shape[0] * shape[2...].reduce(1, *) >= 3 {
                let forward = try ReferenceKernels.evaluate(.batchNormTrain, operands: [x, scale, scale, scale, scale], resultCount: 5)
                statistics = [forward[3], forward[4]]
            }
            let operands = [x, scale] + statistics + [try generator.nextTensor(shape)]
            try KernelHarness.checkAgainstReference(family, .batchNormGrad, operands: operands, attributes: Attributes(), resultCount: 3,
                                                    expectedKernel: "bn-grad", threadCount: 1 + index % 3,
                                                    configuration: "#\(index) " + KernelHarness.describe(.batchNormGrad, operands, Attributes()))
        }
    }

    @Test("instance_norm_grad matches the reference on 200 random configurations")
    func instanceNormGrad() throws {
        var generator = SeededGenerator(seed: 0x1B)
        for index in 0..<200 {
            let channels = generator.nextElement(of: [1, 2, 3, 5, 11])
            var shape = [generator.nextInt(in: 1...3), channels] + generator.nextShape(rank: 1 + index % 3, sizes: 1...(index % 3 == 0 ? 300 : 9))
            // Planes of 1 or 2 values have dx ≈ 0 by cancellation: `degenerateGroups` checks those.
            if shape[2...].reduce(1, *) < 3 { shape[2] += 2 }
            let operands = [try generator.nextTensor(shape, .normal(mean: 1, standardDeviation: 3)),
                            try generator.nextTensor([channels], .uniform(0.5...2)), try generator.nextTensor(shape)]
            var attributes = Attributes()
            if generator.nextChance(0.5) { attributes["epsilon"] = .float(generator.nextElement(of: [1e-3, 0.1])) }
            try KernelHarness.checkAgainstReference(family, .instanceNormGrad, operands: operands, attributes: attributes, resultCount: 3,
                                                    expectedKernel: "instance-norm-grad", threadCount: 1 + index % 3,
                                                    configuration: "#\(index) " + KernelHarness.describe(.instanceNormGrad, operands, attributes))
        }
    }

    @Test("activation_grad matches the reference on 240 random configurations, 20 per activation")
    func activationGrad() throws {
        var generator = SeededGenerator(seed: 0xAC)
        for index in 0..<240 {
            let activation = DifferentiableActivation.allCases[index % DifferentiableActivation.allCases.count]
            let shape = generator.nextShape(rank: generator.nextInt(in: 1...4), sizes: 1...(index % 5 == 0 ? 70 : 9))
            let x = try generator.nextTensor(shape, .normal(mean: 0, standardDeviation: generator.nextElement(of: [1, 3, 12])))
            var attributes: Attributes = ["activation": .string(activation.rawValue),
                                          "alpha": .float(generator.nextElement(of: [0.01, 0.2, 1.5, -1]))]
            attributes["beta"] = .float(generator.nextElement(of: [0.5, 2, 6]))
            if activation == .clip, attributes["alpha"] == .float(1.5), attributes["beta"] == .float(0.5) { attributes["beta"] = .float(1.5) }
            let operands = [x, try generator.nextTensor(shape)]
            try KernelHarness.checkAgainstReference(family, .activationGrad, operands: operands, attributes: attributes,
                                                    expectedKernel: "activation-grad:" + activation.rawValue, threadCount: 1 + index % 3,
                                                    configuration: "#\(index) " + KernelHarness.describe(.activationGrad, operands, attributes))
        }
    }

    @Test("softmax_cross_entropy_grad matches the reference on 216 random configurations: every reduction, weights, smoothing")
    func softmaxCrossEntropyGrad() throws {
        var generator = SeededGenerator(seed: 0x5C)
        for index in 0..<216 {
            let reduction = Reduction.allCases[index % 3]
            let (samples, classes) = (generator.nextInt(in: 1...9), generator.nextElement(of: [1, 2, 3, 10, 17, 33, 100]))
            let logits = try generator.nextTensor([samples, classes], .normal(mean: 0, standardDeviation: generator.nextElement(of: [1, 4, 20])))
            let labels = try generator.nextLabels(samples: samples, classes: classes)
            let weights = index % 2 == 0 ? [try generator.nextTensor([classes], .uniform(0.2...2))] : []
            let dloss = try generator.nextTensor(reduction == .none ? [samples] : [])
            let attributes: Attributes = ["reduction": .string(reduction.rawValue),
                                          "label_smoothing": .float(generator.nextElement(of: [0, 0.1, 0.3, 1]))]
            let operands = [logits, labels] + weights + [dloss]
            try KernelHarness.checkAgainstReference(family, .softmaxCrossEntropyGrad, operands: operands, attributes: attributes,
                                                    expectedKernel: "softmax-cross-entropy-grad", threadCount: 1 + index % 3,
                                                    configuration: "#\(index) " + KernelHarness.describe(.softmaxCrossEntropyGrad, operands, attributes))
        }
    }

    @Test("hinge_grad matches the reference on 210 random configurations, half with exact ties at the kink")
    func hingeGrad() throws {
        var generator = SeededGenerator(seed: 0x41)
        for index in 0..<210 {
            let reduction = Reduction.allCases[index % 3]
            let (samples, classes) = (generator.nextInt(in: 1...9), generator.nextElement(of: [2, 3, 10, 17, 33]))
            var scores = try generator.nextTensor([samples, classes], .normal(mean: 0, standardDeviation: 2))
            if index % 2 == 0 {
                // Multiples of 1/8 in [−2, 2] with margins of few bits: f32 differences are exact, so ties hit the kink.
                scores = try Tensor(shape: [samples, classes], scalars: (0..<(samples * classes)).map { _ in Float(generator.nextInt(in: -16...16)) / 8 })
            }
            let dloss = try generator.nextTensor(reduction == .none ? [samples] : [])
            let attributes: Attributes = ["reduction": .string(reduction.rawValue), "margin": .float(generator.nextElement(of: [1, 0.5, 0, 2.25]))]
            let operands = [scores, try generator.nextLabels(samples: samples, classes: classes), dloss]
            try KernelHarness.checkAgainstReference(family, .hingeGrad, operands: operands, attributes: attributes,
                                                    expectedKernel: "hinge-grad", threadCount: 1 + index % 3,
                                                    configuration: "#\(index) " + KernelHarness.describe(.hingeGrad, operands, attributes))
        }
    }

    @Test("groups of one or two values (dx ≈ 0 by cancellation): dx within f32 rounding of the terms that cancel")
    func degenerateGroups() throws {
        var generator = SeededGenerator(seed: 0xDE)
        for index in 0..<40 {
            let channels = generator.nextInt(in: 1...5)
            let isBatch = index % 2 == 0
            let shape = isBatch ? [2, channels] : [generator.nextInt(in: 1...3), channels, generator.nextInt(in: 1...2)]
            let x = try generator.nextTensor(shape, .normal(mean: 0, standardDeviation: 2)), dy = try generator.nextTensor(shape)
            let scale = try generator.nextTensor([channels], .uniform(0.5...2))
            var operands = [x, scale, dy]
            if isBatch {
                let forward = try ReferenceKernels.evaluate(.batchNormTrain, operands: [x, scale, scale, scale, scale], resultCount: 5)
                operands = [x, scale, forward[3], forward[4], dy]
            }
            let op: OpKind = isBatch ? .batchNormGrad : .instanceNormGrad
            let request = try KernelHarness.request(op, operands: operands, attributes: [:], resultCount: 3)
            let kernel = try #require(try family.makeKernel(for: request))
            let fast = try KernelHarness.run(kernel, operands: operands, resultTypes: request.resultTypes, threadCount: 1 + index % 3)
            let reference = try ReferenceKernels.evaluate(op, operands: operands, resultCount: 3)
            let terms = try Self.gradientTerms(x: x, scale: scale, dy: dy, perSample: !isBatch)
            let difference = zip(fast[0].doubles, reference[0].doubles).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
            #expect(difference <= 1e-6 * terms, "#\(index) \(op) \(shape): \(difference)")
            for result in 1...2 {
                #expect(KernelHarness.relativeL2Error(fast[result], reference[result]) <= KernelHarness.relativeL2Bound, "#\(index) \(op) result \(result)")
            }
        }
    }

    /// ‖scale·inverse_std·dy‖₂ (epsilon 1e-5), the size of the terms that cancel in dx, with the
    /// statistics of each channel (or, `perSample`, of each sample's plane) of x `[N, C, ...]`.
    static func gradientTerms(x: Tensor, scale: Tensor, dy: Tensor, perSample: Bool) throws -> Double {
        let (batch, channels) = (x.shape[0], x.shape[1])
        let plane = x.count / (batch * channels)
        let (values, gradients, scales) = (x.doubles, dy.doubles, scale.doubles)
        var total = 0.0
        for group in 0..<(perSample ? batch * channels : channels) {
            let channel = perSample ? group % channels : group
            let planes = perSample ? [group] : (0..<batch).map { $0 * channels + channel }
            let indices = planes.flatMap { ($0 * plane)..<(($0 + 1) * plane) }
            let mean = indices.reduce(0) { $0 + values[$1] } / Double(indices.count)
            let variance = indices.reduce(0) { $0 + (values[$1] - mean) * (values[$1] - mean) } / Double(indices.count)
            let gain = scales[channel] / (variance + 1e-5).squareRoot()
            total += indices.reduce(0) { $0 + gain * gain * gradients[$1] * gradients[$1] }
        }
        return total.squareRoot()
    }

    @Test("every kernel gives bit-identical results on 1, 2 and 3 threads")
    func threadCountIndependence() throws {
        var generator = SeededGenerator(seed: 0x3D)
        let x = try generator.nextTensor([4, 6, 33, 35]), channel = try generator.nextTensor([6], .uniform(0.5...2))
        let dy = try generator.nextTensor([4, 6, 33, 35])
        let forward = try ReferenceKernels.evaluate(.batchNormTrain, operands: [x, channel, channel, channel, channel], resultCount: 5)
        let logits = try generator.nextTensor([3000, 11]), labels = try generator.nextLabels(samples: 3000, classes: 11)
        let cases: [(OpKind, [Tensor], Attributes)] = [
            (.batchNormTrain, [x, channel, channel, channel, channel], [:]),
            (.batchNormGrad, [x, channel, forward[3], forward[4], dy], [:]),
            (.instanceNormGrad, [x, channel, dy], [:]),
            (.activationGrad, [x, dy], ["activation": .string("gelu")]),
            (.softmaxCrossEntropyGrad, [logits, labels, try generator.nextTensor([])], ["label_smoothing": .float(0.1)]),
            (.hingeGrad, [logits, labels, try generator.nextTensor([3000])], ["reduction": .string("none")]),
            (.dropout, [x, try Tensor(shape: [], elements: [Int64(5)])], ["training": .bool(true), "ratio": .float(0.3)]),
        ]
        for (op, operands, attributes) in cases {
            let resultCount = try op.schema.inferResultTypes(operands: operands.map(\.type), attributes: attributes, resultCount: 1).count
            let request = try KernelHarness.request(op, operands: operands, attributes: attributes, resultCount: resultCount)
            let kernel = try #require(try family.makeKernel(for: request))
            let single = try KernelHarness.run(kernel, operands: operands, resultTypes: request.resultTypes, threadCount: 1)
            for threads in [2, 3] {
                let results = try KernelHarness.run(kernel, operands: operands, resultTypes: request.resultTypes, threadCount: threads)
                #expect(results.map(\.scalars) == single.map(\.scalars), "\(op) on \(threads) threads")
            }
        }
    }

    @Test("the family takes only f32 nodes of its ops, and dropout only in training")
    func claims() throws {
        let x = try Tensor(shape: [2, 3], scalars: [1, -2, 3, -4, 5, -6])
        let relu: Attributes = ["activation": .string("relu")]
        #expect(try family.makeKernel(for: KernelHarness.request(.activationGrad, operands: [x, x], attributes: relu)) != nil)
        let doubles = try x.converted(to: .f64)
        #expect(try family.makeKernel(for: KernelHarness.request(.activationGrad, operands: [doubles, doubles], attributes: relu)) == nil)
        #expect(try family.makeKernel(for: KernelHarness.request(.dropout, operands: [x], attributes: [:])) == nil)
        #expect(try family.makeKernel(for: KernelHarness.request(.relu, operands: [x], attributes: [:])) == nil)
        let training = try KernelHarness.request(.dropout, operands: [x], attributes: ["training": .bool(true)], resultCount: 2)
        #expect(try ElementwiseKernels().makeKernel(for: training) == nil)
        #expect(try family.makeKernel(for: training)?.name == "dropout-train")
    }

    @Test("a label out of range gives NaN rows (and NaN everywhere for mean) instead of a crash")
    func labelsOutOfRange() throws {
        let scores = try Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        let labels = try Tensor(shape: [2], elements: [1, 7] as [Int64])
        for (op, reduction) in [(OpKind.softmaxCrossEntropyGrad, "sum"), (.hingeGrad, "sum"), (.softmaxCrossEntropyGrad, "mean")] {
            let operands = [scores, labels, try Tensor(shape: [], scalars: [1])]
            let attributes: Attributes = ["reduction": .string(reduction)]
            let request = try KernelHarness.request(op, operands: operands, attributes: attributes)
            let kernel = try #require(try family.makeKernel(for: request))
            let values = try KernelHarness.run(kernel, operands: operands, resultTypes: request.resultTypes)[0].scalars
            let (first, second) = (values[..<3].allSatisfy { $0.isNaN }, values[3...].allSatisfy { $0.isNaN })
            #expect(second, "\(op) \(reduction)")
            #expect(first == (reduction == "mean"), "\(op) \(reduction)")
        }
    }
}
