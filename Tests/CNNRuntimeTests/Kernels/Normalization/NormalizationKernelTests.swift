import Testing
import CNNIR
import CNNRuntime

/// batch_norm, instance_norm and lrn against the reference on random shapes: batch 1 to 3,
/// channel counts 1 and primes, ranks 2 to 5, parameters constant at preparation or given at
/// run time.
///
/// Bound: `KernelHarness.relativeL2Bound` (1e-5). batch_norm: the per-channel coefficients are
/// computed in Double and rounded once each, then one fused multiply-add per element: ≤ 2 ulp
/// relative to max(|x·a|, |b|), and x, mean and the result are of one magnitude here.
/// instance_norm: the mean and variance of a plane of P ≤ 300 elements are summed in 16 f32
/// lanes (≤ (P/16)·ε/2 relative, typically √(P/16)·ε/2) and combined in Double; the normalized
/// value inherits that relative error (about 1e-6 at worst here). lrn: a sum of at most 7
/// squares (≤ 7·ε/2 relative), then t^−beta as exp(−beta·log t) with cnnc's vector log
/// (≤ 0.7 ulp, i.e. an absolute error of about ε·|log t| in −beta·log t) and exp (≤ 1.3 ulp):
/// a relative error of about (2 + beta·|log t|)·ε, below 1e-6 for the t ≤ 1e3 drawn here.
@Suite("Normalization kernels")
struct NormalizationKernelTests {
    let family = NormalizationKernels()

    @Test("batch_norm matches the reference on 100 random configurations, with and without constant parameters")
    func randomBatchNorms() throws {
        var generator = SeededGenerator(seed: 0xB17)
        var names: Set<String> = []
        for index in 0..<100 {
            let channels = generator.nextElement(of: [1, 2, 3, 5, 7, 13])
            let shape = [generator.nextInt(in: 1...3), channels] + generator.nextShape(rank: generator.nextInt(in: 0...3), sizes: 1...9)
            let operands = [try generator.nextTensor(shape, .normal(mean: 0.5, standardDeviation: 2)),
                            try generator.nextTensor([channels], .uniform(0.5...2)), try generator.nextTensor([channels]),
                            try generator.nextTensor([channels], .uniform(-0.5...0.5)), try generator.nextTensor([channels], .uniform(0.2...3))]
            var attributes = Attributes()
            if generator.nextChance(0.5) { attributes["epsilon"] = .float(generator.nextElement(of: [1e-3, 0.1, 1e-6])) }
            let constants: Set<Int> = index % 2 == 0 ? [1, 2, 3, 4] : []
            let request = try KernelHarness.request(.batchNorm, operands: operands, attributes: attributes, constantIndices: constants)
            let kernel = try #require(try family.makeKernel(for: request))
            // Coefficients from constants need no workspace; those computed at run time do.
            #expect((kernel.workspaceBytes == 0) == !constants.isEmpty)
            let name = try KernelHarness.checkAgainstReference(family, .batchNorm, operands: operands, attributes: attributes,
                                                               constantIndices: constants, expectedKernel: "bn-affine",
                                                               configuration: "#\(index) constants \(constants.sorted()) "
                                                                   + KernelHarness.describe(.batchNorm, operands, attributes))
            if let name { names.insert(name) }
        }
        #expect(names == ["bn-affine"])
    }

    @Test("instance_norm matches the reference on 60 random configurations")
    func randomInstanceNorms() throws {
        var generator = SeededGenerator(seed: 0x1257)
        for index in 0..<60 {
            let channels = generator.nextElement(of: [1, 2, 3, 5, 11])
            let shape = [generator.nextInt(in: 1...3), channels] + generator.nextShape(rank: 1 + index % 3, sizes: 1...(index % 3 == 0 ? 300 : 9))
            let operands = [try generator.nextTensor(shape, .normal(mean: 1, standardDeviation: 3)),
                            try generator.nextTensor([channels], .uniform(0.5...2)), try generator.nextTensor([channels])]
            try KernelHarness.checkAgainstReference(family, .instanceNorm, operands: operands, attributes: Attributes(),
                                                    expectedKernel: "instance-norm",
                                                    configuration: "#\(index) " + KernelHarness.describe(.instanceNorm, operands, Attributes()))
        }
    }

    @Test("lrn matches the reference on 60 random configurations, beta 0.75 and others")
    func randomLocalResponseNorms() throws {
        var generator = SeededGenerator(seed: 0x1A4)
        for index in 0..<60 {
            let channels = generator.nextElement(of: [1, 2, 3, 5, 7, 16])
            let shape = [generator.nextInt(in: 1...2), channels] + generator.nextShape(rank: generator.nextInt(in: 1...3), sizes: 1...(index % 2 == 0 ? 40 : 6))
            let x = try generator.nextTensor(shape, .normal(mean: 0, standardDeviation: 3))
            var attributes: Attributes = ["size": .int(generator.nextInt(in: 1...7))]
            if index % 3 != 0 { attributes["beta"] = .float(generator.nextElement(of: [0.5, 0.9, 1.3])) }
            if generator.nextChance(0.5) { attributes["alpha"] = .float(generator.nextElement(of: [1e-4, 0.01, 0.5])) }
            if generator.nextChance(0.5) { attributes["bias"] = .float(generator.nextElement(of: [0.5, 2])) }
            try KernelHarness.checkAgainstReference(family, .lrn, operands: [x], attributes: attributes, expectedKernel: "lrn",
                                                    configuration: "#\(index) " + KernelHarness.describe(.lrn, [x], attributes))
        }
    }
}
