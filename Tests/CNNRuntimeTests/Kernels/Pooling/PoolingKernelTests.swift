import Testing
import CNNIR
@testable import CNNRuntime

/// The pool kernels against the reference: 1-D, 2-D and 3-D windows with strides up to 3,
/// dilation 2, asymmetric pads, ceil_mode, count_include_pad and auto_pad; widths
/// up to 40 so that the 16-wide interior path runs next to the bordered one; global pools.
///
/// Bound: `KernelHarness.relativeL2Bound` (1e-5). max_pool and global_max_pool select an input
/// element, so they are exact. avg_pool sums at most 27 values (global_avg_pool up to a few
/// thousand, in 16 interleaved partial sums) in f32, then divides once: with random inputs the
/// relative error is about (ε/2)·√K (below 1e-6 for these sizes), the worst case (ε/2)·K.
@Suite("Pooling kernels")
struct PoolingKernelTests {
    let family = PoolingKernels()

    @Test("max_pool and avg_pool match the reference on 240 random windows")
    func randomWindowPools() throws {
        var generator = SeededGenerator(seed: 0x9001)
        var names: Set<String> = []
        for index in 0..<240 {
            let op: OpKind = index % 2 == 0 ? .maxPool : .avgPool
            let (x, attributes) = try drawWindowPool(op, spatialRank: 1 + (index / 2) % 3, &generator)
            let name = try checkWindowPool(op, x, attributes, configuration: "#\(index) " + KernelHarness.describe(op, [x], attributes))
            if let name { names.insert(name) }
        }
        #expect(names == ["maxpool1d", "maxpool2d", "maxpool3d", "avgpool1d", "avgpool2d", "avgpool3d"])
    }

    @Test("max_pool with its indices result runs on the reference kernels")
    func indicesAreLeftToTheReference() throws {
        let x = try Tensor(shape: [1, 2, 6, 6], scalars: (0..<72).map(Float.init))
        var request = try KernelHarness.request(.maxPool, operands: [x], attributes: ["kernel": .ints([2, 2])])
        request.resultTypes.append(TensorType(.i64, request.resultTypes[0].shape))
        #expect(try family.makeKernel(for: request) == nil)
    }

    @Test("common CNN pools, whose rows run mostly through the 16-wide interior path")
    func commonPools() throws {
        var generator = SeededGenerator(seed: 3)
        let cases: [(OpKind, [Int], Attributes)] = [
            (.maxPool, [2, 3, 37, 45], ["kernel": .ints([3, 3]), "strides": .ints([2, 2]), "pads": .ints([1, 1, 1, 1])]),
            (.maxPool, [1, 2, 20, 35], ["kernel": .ints([3, 3]), "pads": .ints([1, 1, 1, 1])]),
            (.avgPool, [1, 2, 21, 70], ["kernel": .ints([3, 3]), "strides": .ints([2, 2]), "pads": .ints([1, 1, 1, 1]),
                                        "count_include_pad": .bool(true)]),
            (.maxPool, [1, 3, 1, 66], ["kernel": .ints([1, 3]), "strides": .ints([1, 2])]),
            (.maxPool, [1, 2, 16, 64], ["kernel": .ints([2, 2]), "strides": .ints([2, 2])]),
            (.avgPool, [1, 2, 33, 64], ["kernel": .ints([2, 2]), "strides": .ints([2, 2]), "ceil_mode": .bool(true)]),
            (.avgPool, [1, 3, 17, 40], ["kernel": .ints([3, 3]), "pads": .ints([1, 1, 1, 1]), "count_include_pad": .bool(true)]),
            (.maxPool, [1, 2, 5, 6, 40], ["kernel": .ints([2, 3, 3]), "strides": .ints([1, 2, 2]), "dilations": .ints([2, 1, 2])]),
            (.avgPool, [2, 1, 70], ["kernel": .ints([5]), "strides": .ints([2]), "pads": .ints([2, 0])]),
        ]
        for (op, shape, attributes) in cases {
            let x = try generator.nextTensor(shape)
            try KernelHarness.checkAgainstReference(family, op, operands: [x], attributes: attributes,
                                                    configuration: KernelHarness.describe(op, [x], attributes))
        }
    }

    @Test("pools large enough to split their planes over 2 and 3 threads")
    func poolsOnSeveralThreads() throws {
        var generator = SeededGenerator(seed: 4)
        let cases: [(OpKind, [Int], Attributes)] = [
            (.maxPool, [1, 9, 112, 112], ["kernel": .ints([3, 3]), "strides": .ints([2, 2]), "pads": .ints([1, 1, 1, 1])]),
            (.avgPool, [2, 7, 96, 96], ["kernel": .ints([2, 2]), "strides": .ints([2, 2])]),
            (.globalAvgPool, [1, 11, 96, 96], Attributes()),
        ]
        for (op, shape, attributes) in cases {
            let x = try generator.nextTensor(shape)
            #expect(shape.reduce(1, *) / 3 >= WindowPoolKernel.minimumElementsPerThread)
            for threads in [2, 3] {
                try KernelHarness.checkAgainstReference(family, op, operands: [x], attributes: attributes, threadCount: threads,
                                                        configuration: KernelHarness.describe(op, [x], attributes) + " on \(threads) threads")
            }
        }
    }

    @Test("global_avg_pool and global_max_pool match the reference on 60 random shapes")
    func randomGlobalPools() throws {
        var generator = SeededGenerator(seed: 0x610B)
        for index in 0..<60 {
            let op: OpKind = index % 2 == 0 ? .globalAvgPool : .globalMaxPool
            let spatialRank = 1 + index % 3
            let shape = [generator.nextInt(in: 1...3), generator.nextElement(of: [1, 2, 3, 7])]
                + generator.nextShape(rank: spatialRank, sizes: 1...(spatialRank == 1 ? 70 : 9))
            let x = try generator.nextTensor(shape)
            try KernelHarness.checkAgainstReference(family, op, operands: [x], attributes: Attributes(),
                                                    expectedKernel: op == .globalAvgPool ? "global-avg-pool" : "global-max-pool",
                                                    configuration: "#\(index) " + KernelHarness.describe(op, [x], Attributes()))
        }
    }

    /// `KernelHarness.checkAgainstReference` for pools whose windows may see no input (a valid
    /// configuration with dilation or large pads): there the reference gives −inf (max_pool) or
    /// NaN (avg_pool without count_include_pad), which the kernel must reproduce exactly; the
    /// other elements must meet the relative L2 bound. Returns the kernel's name.
    private func checkWindowPool(_ op: OpKind, _ x: Tensor, _ attributes: Attributes, configuration: String) throws -> String? {
        let request = try KernelHarness.request(op, operands: [x], attributes: attributes)
        guard let kernel = try family.makeKernel(for: request) else {
            Issue.record("no kernel for \(configuration)")
            return nil
        }
        let actual = try KernelHarness.run(kernel, operands: [x], resultTypes: request.resultTypes)[0].scalars
        let expected = try ReferenceKernels.evaluate(op, operands: [x], attributes: attributes)[0].scalars
        let finite = expected.indices.filter { expected[$0].isFinite }
        for index in expected.indices where !expected[index].isFinite {
            let same = expected[index].isNaN ? actual[index].isNaN : actual[index] == expected[index]
            #expect(same, "element \(index): \(actual[index]), expected \(expected[index]) for \(configuration)")
        }
        let error = KernelHarness.relativeL2Error(try Tensor(shape: [finite.count], scalars: finite.map { actual[$0] }),
                                                  try Tensor(shape: [finite.count], scalars: finite.map { expected[$0] }))
        #expect(error <= KernelHarness.relativeL2Bound, "relative L2 error \(error) with \(kernel.name) for \(configuration)")
        return kernel.name
    }

    /// A random valid window pool over `spatialRank` axes and its input.
    private func drawWindowPool(_ op: OpKind, spatialRank: Int, _ generator: inout SeededGenerator) throws -> (Tensor, Attributes) {
        var kernel: [Int] = [], strides: [Int] = [], dilations: [Int] = [], begins: [Int] = [], ends: [Int] = [], spatial: [Int] = []
        let autoPad = generator.nextChance(0.15) ? generator.nextElement(of: ["same_upper", "same_lower", "valid"]) : "notset"
        for axis in 0..<spatialRank {
            kernel.append(generator.nextInt(in: 1...3))
            strides.append(generator.nextInt(in: 1...3))
            dilations.append(generator.nextChance(0.3) ? 2 : 1)
            let extent = (kernel[axis] - 1) * dilations[axis] + 1
            begins.append(autoPad == "notset" ? generator.nextInt(in: 0...(extent - 1)) : 0)
            ends.append(autoPad == "notset" ? generator.nextInt(in: 0...(extent - 1)) : 0)
            let largest = axis == spatialRank - 1 ? (spatialRank == 3 ? 20 : 40) : 8
            let smallest = max(1, autoPad == "valid" ? extent : extent - begins[axis] - ends[axis])
            spatial.append(generator.nextInt(in: smallest...max(smallest, largest)))
        }
        var attributes: Attributes = ["kernel": .ints(kernel), "strides": .ints(strides)]
        if dilations.contains(2) { attributes["dilations"] = .ints(dilations) }
        if autoPad == "notset" { attributes["pads"] = .ints(begins + ends) } else { attributes["auto_pad"] = .string(autoPad) }
        if generator.nextChance(0.4) { attributes["ceil_mode"] = .bool(true) }
        if op == .avgPool && generator.nextChance(0.5) { attributes["count_include_pad"] = .bool(true) }
        let shape = [generator.nextInt(in: 1...2), generator.nextElement(of: [1, 2, 3, 5])] + spatial
        return (try generator.nextTensor(shape), attributes)
    }
}
