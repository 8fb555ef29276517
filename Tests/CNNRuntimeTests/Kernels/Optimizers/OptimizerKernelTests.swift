import Testing
import CNNIR
import CNNRuntime

/// The optimizer family's fast kernels against the reference, each on 200 random configurations
/// (odd sizes, every attribute, 1 to 3 threads, outputs poisoned by the harness).
///
/// Bound: `KernelHarness.relativeL2Bound` (1e-5). An update is a handful of f32 operations per
/// element (about 8 roundings of ε/2 for Adam, fewer for the others, and a correctly rounded
/// square root), so each element's relative error stays below about 1e-6; the reductions of
/// global_norm_scale and nll_loss sum in f32 blocks joined in Double.
@Suite("Optimizer kernels")
struct OptimizerKernelTests {
    let family = OptimizerKernels()

    /// A shape of 1 to 4 axes whose element count is mostly small and odd, sometimes over 32768
    /// (where the update splits over threads).
    func drawShape(_ generator: inout SeededGenerator) -> [Int] {
        if generator.nextChance(0.05) { return [generator.nextInt(in: 2...3), generator.nextInt(in: 16_000...40_000)] }
        return generator.nextShape(rank: generator.nextInt(in: 1...4), sizes: 1...7)
    }

    @Test("every update matches the reference", arguments: [OpKind.sgdUpdate, .momentumUpdate, .adagradUpdate, .adamUpdate, .rmspropUpdate])
    func updates(op: OpKind) throws {
        var generator = SeededGenerator(seed: 0x0D7 &+ UInt64(op.rawValue.count))
        let states = op == .sgdUpdate ? 0 : op == .adamUpdate ? 2 : 1
        for index in 0..<200 {
            let shape = drawShape(&generator)
            let x = try generator.nextTensor(shape, .uniform(-2...2)), g = try generator.nextTensor(shape, .normal(mean: 0, standardDeviation: 0.5))
            var operands = [x, g]
            for state in 0..<states {
                // Squared-gradient accumulators are never negative; momenta may be.
                let isSquare = op != .momentumUpdate && (op != .adamUpdate || state == 1)
                operands.append(try generator.nextTensor(shape, isSquare ? .uniform(0...1) : .uniform(-1...1)))
            }
            operands.append(Tensor(scalar: Float(generator.nextElement(of: [0.001, 0.01, 0.1, 0.5]))))
            if op != .sgdUpdate && op != .rmspropUpdate { operands.append(Tensor(scalar: Int64(generator.nextElement(of: [0, 0, 1, 2, 7, 100])))) }
            let attributes = drawAttributes(op, &generator)
            let threads = generator.nextInt(in: 1...3)
            try KernelHarness.checkAgainstReference(family, op, operands: operands, attributes: attributes, resultCount: 1 + states,
                                                    expectedKernel: op.rawValue, threadCount: threads,
                                                    configuration: "#\(index) threads \(threads) " + KernelHarness.describe(op, operands, attributes))
        }
    }

    /// Random attributes of the update `op` (absent ones keep their defaults).
    func drawAttributes(_ op: OpKind, _ generator: inout SeededGenerator) -> Attributes {
        var attributes: Attributes = [:]
        if generator.nextChance(0.5) { attributes["weight_decay"] = .float(generator.nextElement(of: [0.0001, 0.01, 0.3])) }
        switch op {
        case .momentumUpdate:
            attributes["alpha"] = .float(generator.nextElement(of: [0, 0.5, 0.9, 0.99]))
            attributes["beta"] = .float(generator.nextElement(of: [1, 0.1, 0.5]))
            attributes["nesterov"] = .bool(generator.nextChance(0.5))
        case .adagradUpdate:
            attributes["decay_factor"] = .float(generator.nextElement(of: [0, 0.01, 0.5]))
            attributes["epsilon"] = .float(generator.nextElement(of: [1e-6, 1e-3]))
        case .adamUpdate:
            attributes["alpha"] = .float(generator.nextElement(of: [0.9, 0.5, 0]))
            attributes["beta"] = .float(generator.nextElement(of: [0.999, 0.9, 0.1]))
            attributes["epsilon"] = .float(generator.nextElement(of: [1e-6, 1e-3]))
            if generator.nextChance(0.5) { attributes["decoupled_weight_decay"] = .float(generator.nextElement(of: [0.01, 0.1])) }
        case .rmspropUpdate:
            attributes["decay"] = .float(generator.nextElement(of: [0.9, 0.99, 0]))
            attributes["epsilon"] = .float(generator.nextElement(of: [1e-8, 1e-3]))
        default: break
        }
        return attributes
    }

    @Test("learning_rate matches the reference for every schedule and step")
    func learningRate() throws {
        var generator = SeededGenerator(seed: 0x1EA5)
        for index in 0..<200 {
            let schedule = generator.nextElement(of: LearningRateSchedule.allCases).rawValue
            let attributes: Attributes = [
                "schedule": .string(schedule), "base": .float(generator.nextElement(of: [0.1, 1e-3, 2])),
                "warmup_steps": .int(generator.nextElement(of: [0, 0, 5, 100])), "decay_steps": .int(generator.nextInt(in: 1...300)),
                "decay_rate": .float(generator.nextElement(of: [0.5, 0.96, 1.01])), "minimum": .float(generator.nextElement(of: [0, 1e-4])),
            ]
            let step = Tensor(scalar: Int64(generator.nextInt(in: 0...1000)))
            try KernelHarness.checkAgainstReference(family, .learningRate, operands: [step], attributes: attributes, expectedKernel: "learning-rate",
                                                    configuration: "#\(index) step \(step.doubles[0]) " + KernelHarness.describe(.learningRate, [step], attributes))
        }
    }

    @Test("global_norm_scale matches the reference, clipping or not")
    func globalNormScale() throws {
        var generator = SeededGenerator(seed: 0x6C1B)
        for index in 0..<200 {
            let gradients = try (0..<generator.nextInt(in: 1...4)).map { _ in
                try generator.nextTensor(generator.nextChance(0.1) ? [generator.nextInt(in: 4000...9000)] : generator.nextShape(rank: 2, sizes: 1...9))
            }
            let norm = gradients.reduce(0) { $0 + $1.doubles.reduce(0) { $0 + $1 * $1 } }.squareRoot()
            let attributes: Attributes = ["max_norm": .float(max(1e-3, norm * generator.nextElement(of: [0.25, 0.9, 1.1, 4])))]
            let threads = generator.nextInt(in: 1...3)
            try KernelHarness.checkAgainstReference(family, .globalNormScale, operands: gradients, attributes: attributes,
                                                    expectedKernel: "global-norm-scale", threadCount: threads,
                                                    configuration: "#\(index) " + KernelHarness.describe(.globalNormScale, gradients, attributes))
        }
    }

    @Test("global_norm_scale gives the same bits on 1, 2 and 3 threads")
    func globalNormScaleIsDeterministic() throws {
        var generator = SeededGenerator(seed: 0xB175)
        let gradients = try [[70_001], [3, 3, 64, 64], [1]].map { try generator.nextTensor($0) }
        let request = try KernelHarness.request(.globalNormScale, operands: gradients, attributes: ["max_norm": .float(1)])
        let kernel = try #require(try family.makeKernel(for: request))
        let results = try (1...3).map { threads in
            try KernelHarness.run(kernel, operands: gradients, resultTypes: request.resultTypes, threadCount: threads)[0].scalars[0].bitPattern
        }
        #expect(Set(results).count == 1, "\(results)")
    }

    @Test("nll_loss and nll_loss_grad match the reference", arguments: [OpKind.nllLoss, .nllLossGrad])
    func negativeLogLikelihood(op: OpKind) throws {
        var generator = SeededGenerator(seed: 0x41 &+ UInt64(op.rawValue.count))
        for index in 0..<200 {
            let shape = [generator.nextInt(in: 1...9), generator.nextInt(in: 1...12)] + generator.nextShape(rank: generator.nextInt(in: 0...2), sizes: 1...5)
            let classes = shape[1]
            var labelShape = shape
            labelShape.remove(at: 1)
            var attributes: Attributes = ["reduction": .string(generator.nextElement(of: ["mean", "sum", "none"]))]
            let ignored = generator.nextChance(0.4) ? generator.nextElement(of: classes > 1 ? [-100, 0, classes - 1] : [-100]) : nil
            if let ignored { attributes["ignore_index"] = .ints([ignored]) }
            var labelValues = (0..<labelShape.reduce(1, *)).map { _ in
                Int64(ignored != nil && generator.nextChance(0.2) ? ignored ?? 0 : generator.nextInt(in: 0...(classes - 1)))
            }
            // One position not ignored, so that mean does not divide 0 by 0 (NaN on both paths).
            labelValues[0] = ignored == 0 ? 1 : 0
            let labels = try Tensor(shape: labelShape, elements: labelValues)
            var operands = [try generator.nextTensor(shape, .uniform(-5...0)), labels]
            if generator.nextChance(0.5) { operands.append(try generator.nextTensor([classes], .uniform(0.1...2))) }
            if op == .nllLossGrad {
                operands.append(try generator.nextTensor(attributes["reduction"] == .string("none") ? labelShape : [], .uniform(-2...2)))
            }
            try KernelHarness.checkAgainstReference(family, op, operands: operands, attributes: attributes,
                                                    expectedKernel: op == .nllLoss ? "nll-loss" : "nll-loss-grad",
                                                    configuration: "#\(index) " + KernelHarness.describe(op, operands, attributes))
        }
    }

    @Test("a label out of range or a negative step gives NaN, as the reference path's error does")
    func invalidRunTimeValuesGiveNaN() throws {
        let scores = try Tensor(shape: [2, 3], scalars: [-1, -2, -3, -1, -2, -3])
        let labels = try Tensor(shape: [2], elements: [0, 3] as [Int64])
        for (op, operands) in [(OpKind.nllLoss, [scores, labels]), (.nllLossGrad, [scores, labels, Tensor(scalar: Float(1))])] {
            let request = try KernelHarness.request(op, operands: operands, attributes: [:])
            let kernel = try #require(try family.makeKernel(for: request))
            let results = try KernelHarness.run(kernel, operands: operands, resultTypes: request.resultTypes)
            let unwritten = results[0].scalars.allSatisfy { $0.isNaN }
            #expect(unwritten, "\(op)")
            #expect(throws: Diagnostic.self) { try ReferenceKernels.evaluate(op, operands: operands) }
        }
        let x = try Tensor(shape: [3], scalars: [1, 2, 3])
        let operands = [x, x, x, x, Tensor(scalar: Float(0.1)), Tensor(scalar: Int64(-1))]
        let request = try KernelHarness.request(.adamUpdate, operands: operands, attributes: [:], resultCount: 3)
        let kernel = try #require(try family.makeKernel(for: request))
        let results = try KernelHarness.run(kernel, operands: operands, resultTypes: request.resultTypes)
        let allNaN = results.allSatisfy { result in result.scalars.allSatisfy { $0.isNaN } }
        #expect(allNaN)
    }

    @Test("f64 nodes are left to the reference kernels")
    func otherElementTypesRunOnTheReference() throws {
        let x = try Tensor(shape: [3], elements: [1.0, 2, 3] as [Double])
        let request = try KernelHarness.request(.sgdUpdate, operands: [x, x, Tensor(scalar: 0.1)], attributes: [:])
        #expect(try family.makeKernel(for: request) == nil)
        let mixed = try KernelHarness.request(.sgdUpdate, operands: [x.converted(to: .f32), x.converted(to: .f32), Tensor(scalar: 0.1)], attributes: [:])
        #expect(try family.makeKernel(for: mixed) == nil)
    }
}
