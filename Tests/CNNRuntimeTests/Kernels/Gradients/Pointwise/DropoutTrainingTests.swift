import Testing
import CNNIR
import CNNRuntime

/// dropout in training: the mask is `DropoutMask`'s (the same on the reference and the fast
/// kernel, on any thread count), y = x·mask/(1 − ratio), a new step draws a new mask, and at
/// inference dropout stays a copy.
@Suite("Dropout in training")
struct DropoutTrainingTests {
    @Test("the fast kernel matches the reference, mask bit for bit, on 200 random configurations")
    func fastMatchesReference() throws {
        var generator = SeededGenerator(seed: 0xD0)
        let family = PointwiseGradientKernels()
        for index in 0..<200 {
            let shape = generator.nextShape(rank: generator.nextInt(in: 1...4), sizes: 1...(index % 4 == 0 ? 60 : 9))
            let x = try generator.nextTensor(shape, .normal(mean: 0, standardDeviation: 2))
            let step = index % 3 == 0 ? [] : [try Tensor(shape: [], elements: [Int64(generator.nextInt(in: 0...1_000_000))])]
            let attributes: Attributes = ["training": .bool(true), "ratio": .float(generator.nextElement(of: [0, 0.1, 0.5, 0.9, 0.999])),
                                          "seed": .int(generator.nextInt(in: -5...5))]
            let operands = [x] + step
            let configuration = "#\(index) " + KernelHarness.describe(.dropout, operands, attributes)
            try KernelHarness.checkAgainstReference(family, .dropout, operands: operands, attributes: attributes, resultCount: 2,
                                                    expectedKernel: "dropout-train", threadCount: 1 + index % 3, configuration: configuration)
            let request = try KernelHarness.request(.dropout, operands: operands, attributes: attributes, resultCount: 2)
            let kernel = try #require(try family.makeKernel(for: request))
            let fast = try KernelHarness.run(kernel, operands: operands, resultTypes: request.resultTypes, threadCount: 1 + index % 3)
            let reference = try ReferenceKernels.evaluate(.dropout, operands: operands, attributes: attributes, resultCount: 2)
            #expect(fast[1] == reference[1], "mask of \(configuration)")
        }
    }

    @Test("y = x·mask/(1 − ratio) with the mask of DropoutMask; about a fraction ratio dropped; each step its own mask")
    func maskAndScaling() throws {
        let x = try Tensor(shape: [10_000], elements: (0..<10_000).map { Double($0 % 7) - 3 })
        var masks: [[Double]] = []
        for step in [Int64(0), 1, 2] {
            let results = try ReferenceKernels.evaluate(.dropout, operands: [x, try Tensor(shape: [], elements: [step])],
                                                        attributes: ["training": .bool(true), "ratio": .float(0.25), "seed": .int(42)], resultCount: 2)
            let mask = DropoutMask(seed: 42, step: step, ratio: 0.25)
            #expect(results[1].doubles == (0..<10_000).map { mask.keeps($0) ? 1 : 0 })
            #expect(results[0].doubles == zip(x.doubles, results[1].doubles).map { $0 * $1 / 0.75 })
            let kept = results[1].doubles.reduce(0, +) / 10_000
            #expect(abs(kept - 0.75) < 0.02, "kept \(kept)")
            masks.append(results[1].doubles)
        }
        #expect(masks[0] != masks[1] && masks[1] != masks[2])
        let withoutStep = try ReferenceKernels.evaluate(.dropout, operands: [x], attributes: ["training": .bool(true), "ratio": .float(0.25),
                                                                                               "seed": .int(42)], resultCount: 2)
        #expect(withoutStep[1].doubles == masks[0])
        let inference = try ReferenceKernels.evaluate(.dropout, operands: [x], attributes: ["ratio": .float(0.25)])
        #expect(inference == [x])
    }

    @Test("an execution plan runs batch_norm_train, activation_grad and dropout in training on the fast kernels as on the reference")
    func executionPlan() throws {
        let graph = try IRParser.parse("""
            graph @train(%x: f32[4,3,5,5], %s: f32[3], %b: f32[3], %m: f32[3], %v: f32[3], %step: i64[]) {
              %y, %m.next, %v.next, %mean, %inverse = batch_norm_train %x, %s, %b, %m, %v : f32[4,3,5,5], f32[3], f32[3], f32[3], f32[3]
              %d, %mask = dropout %y, %step {ratio = 0.3, seed = 7, training = true} : f32[4,3,5,5], f32[4,3,5,5]
              %g = activation_grad %y, %d {activation = "silu"} : f32[4,3,5,5]
              %dx, %ds, %db = batch_norm_grad %x, %s, %mean, %inverse, %g : f32[4,3,5,5], f32[3], f32[3]
              return %dx, %ds, %db, %m.next, %v.next, %mask
            }
            """, file: "train.ir")
        try Verifier.verify(graph)
        var generator = SeededGenerator(seed: 0xE7)
        let inputs: [String: Tensor] = [
            "x": try generator.nextTensor([4, 3, 5, 5]), "s": try generator.nextTensor([3], .uniform(0.5...2)), "b": try generator.nextTensor([3]),
            "m": try generator.nextTensor([3]), "v": try generator.nextTensor([3], .uniform(0.5...2)),
            "step": try Tensor(shape: [], elements: [Int64(3)]),
        ]
        let fast = try ExecutionPlan(graph: graph, parameters: [:])
        #expect(fast.layers.map(\.kernel) == ["bn-train", "dropout-train", "activation-grad:silu", "bn-grad"])
        let reference = try ExecutionPlan(graph: graph, parameters: [:], options: ExecutionOptions(backend: .reference))
        let (found, expected) = (try fast.run(inputs), try reference.run(inputs))
        for name in ["dx", "ds", "db", "m.next", "v.next", "mask"] {
            let (actual, wanted) = (try #require(found[name]), try #require(expected[name]))
            #expect(KernelHarness.relativeL2Error(actual, wanted) <= KernelHarness.relativeL2Bound, "\(name)")
        }
        #expect(found["mask"] == expected["mask"])
    }
}
