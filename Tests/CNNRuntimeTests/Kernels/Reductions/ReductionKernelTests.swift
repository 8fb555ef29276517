import Testing
import CNNIR
import CNNRuntime

/// reduce_sum, reduce_mean, reduce_max, reduce_min and reduce_l2 over random sets of axes
/// (with and without keepdims, every axis, noop_with_empty_axes) and argmax/argmin along random
/// axes (with ties, select_last_index), on ranks 1 to 5 and innermost sizes up to 40 so that
/// both the row-reducing and the row-combining loops and their 16-lane paths run.
///
/// Bound: `KernelHarness.relativeL2Bound` (1e-5). max, min, argmax and argmin select an element:
/// exact (indices are compared exactly). sum, mean and l2 add K terms in f32 (K up to a few
/// hundred here), in 16 interleaved partial sums along rows and sequentially across rows; with
/// random signs the error is about (ε/2)·√K of the sum's scale (below 1e-6 for these sizes;
/// l2's terms are all positive, so its relative error is at most (ε/2)·K ≈ 2e-5 in the worst
/// case but (ε/2)·√K ≈ 1e-6 typically), plus one rounding for mean's 1/count and l2's square root.
@Suite("Reduction kernels")
struct ReductionKernelTests {
    let family = ReductionKernels()

    /// The reductions over axes.
    static let reductions: [OpKind] = [.reduceSum, .reduceMean, .reduceMax, .reduceMin, .reduceL2]

    @Test("reductions over axes match the reference on 250 random configurations")
    func randomAxisReductions() throws {
        var generator = SeededGenerator(seed: 0x5ED0)
        var names: Set<String> = []
        for index in 0..<250 {
            let op = Self.reductions[index % Self.reductions.count]
            let rank = generator.nextInt(in: 1...5)
            var shape = generator.nextShape(rank: rank, sizes: 1...(rank > 3 ? 4 : 7))
            if index % 3 == 0 { shape[rank - 1] = generator.nextInt(in: 16...40) }
            let x = try generator.nextTensor(shape, .normal(mean: 0.3, standardDeviation: 1))
            var attributes: Attributes = ["keepdims": .bool(generator.nextChance(0.5))]
            let axes = (0..<rank).filter { _ in generator.nextChance(0.45) }.map { generator.nextChance(0.3) ? $0 - rank : $0 }
            if !axes.isEmpty || generator.nextChance(0.7) { attributes["axes"] = .ints(axes) }
            if axes.isEmpty && generator.nextChance(0.3) { attributes["noop_with_empty_axes"] = .bool(true) }
            let name = try KernelHarness.checkAgainstReference(family, op, operands: [x], attributes: attributes,
                                                               configuration: "#\(index) " + KernelHarness.describe(op, [x], attributes))
            if let name { names.insert(name) }
        }
        #expect(names.isSuperset(of: Self.reductions.map { "reduce:" + $0.rawValue }))
    }

    @Test("argmax and argmin match the reference on 200 random configurations, ties included")
    func randomIndexReductions() throws {
        var generator = SeededGenerator(seed: 0xA2C)
        for index in 0..<200 {
            let op: OpKind = index % 2 == 0 ? .argmax : .argmin
            let rank = generator.nextInt(in: 1...4)
            let shape = generator.nextShape(rank: rank, sizes: 1...(index % 3 == 0 ? 20 : 6))
            var x = try generator.nextTensor(shape, .normal(mean: 0, standardDeviation: 2))
            if generator.nextChance(0.5) { x = try x.rounded() }
            let attributes: Attributes = ["axis": .int(generator.nextInt(in: -rank...(rank - 1))), "keepdims": .bool(generator.nextChance(0.5)),
                                          "select_last_index": .bool(generator.nextChance(0.4))]
            try KernelHarness.checkAgainstReference(family, op, operands: [x], attributes: attributes, expectedKernel: op.rawValue,
                                                    configuration: "#\(index) " + KernelHarness.describe(op, [x], attributes))
        }
    }

    @Test("NaN propagates through max and min and wins argmax and argmin; empty reductions give the identities")
    func specialCases() throws {
        let x = try Tensor(shape: [2, 3], scalars: [1, .nan, 3, 4, 5, .nan])
        for (op, expected) in [(OpKind.reduceMax, [Float.nan, .nan]), (.reduceMin, [.nan, .nan])] {
            let request = try KernelHarness.request(op, operands: [x], attributes: ["axes": .ints([1])])
            let result = try KernelHarness.run(try #require(try family.makeKernel(for: request)), operands: [x], resultTypes: request.resultTypes)
            #expect(result[0].scalars.map(\.isNaN) == expected.map(\.isNaN))
        }
        for op in [OpKind.argmax, .argmin] {
            try KernelHarness.checkAgainstReference(family, op, operands: [x], attributes: ["axis": .int(1)], configuration: "\(op) with NaN")
        }
        let empty = try Tensor(shape: [2, 0, 3], scalars: [])
        for (op, value) in [(OpKind.reduceSum, Float(0)), (.reduceMax, -.infinity), (.reduceMin, .infinity)] {
            let request = try KernelHarness.request(op, operands: [empty], attributes: ["axes": .ints([1])])
            let result = try KernelHarness.run(try #require(try family.makeKernel(for: request)), operands: [empty], resultTypes: request.resultTypes)
            #expect(result[0].scalars == Array(repeating: value, count: 6), "\(op)")
        }
    }

    @Test("other element types are left to the reference kernels")
    func otherElementTypes() throws {
        let integers = try Tensor(shape: [2, 3], elements: [1, 2, 3, 4, 5, 6] as [Int64])
        let flags = try Tensor(shape: [2], elements: [true, false])
        for (op, x) in [(OpKind.reduceSum, integers), (.argmax, integers), (.reduceMax, flags)] {
            #expect(try family.makeKernel(for: KernelHarness.request(op, operands: [x], attributes: [:])) == nil, "\(op) on \(x.dtype)")
        }
    }
}
