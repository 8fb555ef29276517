import Testing
import CNNIR
import CNNRuntime

/// concat, pad, transpose and the shape-only ops against the reference on random shapes.
///
/// These kernels only move elements, so they must be exact: the bound
/// (`KernelHarness.relativeL2Bound`, 1e-5) is met with error 0, and any misplaced or unwritten
/// (NaN-poisoned) element fails it.
@Suite("Data movement kernels")
struct DataMovementKernelTests {
    let family = DataMovementKernels()

    @Test("concat matches the reference on 50 random configurations")
    func randomConcats() throws {
        var generator = SeededGenerator(seed: 0xC0C)
        for index in 0..<50 {
            let rank = generator.nextInt(in: 1...4)
            let base = generator.nextShape(rank: rank, sizes: 1...5)
            let axis = generator.nextInt(in: 0...(rank - 1))
            let operands = try (0..<generator.nextInt(in: 1...4)).map { _ in
                var shape = base
                shape[axis] = generator.nextInt(in: 1...6)
                return try generator.nextTensor(shape)
            }
            let attributes: Attributes = ["axis": .int(generator.nextChance(0.3) ? axis - rank : axis)]
            try KernelHarness.checkAgainstReference(family, .concat, operands: operands, attributes: attributes, expectedKernel: "concat",
                                                    configuration: "#\(index) " + KernelHarness.describe(.concat, operands, attributes))
        }
    }

    @Test("pad matches the reference in every mode on 72 random configurations")
    func randomPads() throws {
        var generator = SeededGenerator(seed: 0xBAD)
        let modes = ["constant", "reflect", "edge"]
        for index in 0..<72 {
            let mode = modes[index % modes.count]
            let rank = generator.nextInt(in: 1...4)
            var shape = generator.nextShape(rank: rank, sizes: 1...5)
            if index % 2 == 0 { shape[rank - 1] = generator.nextInt(in: 10...20) }
            // reflect pads stay below the axis size (the op's rule); the others may exceed it.
            let pads = (0..<(2 * rank)).map { position in
                generator.nextInt(in: 0...(mode == "reflect" ? min(3, shape[position % rank] - 1) : 4))
            }
            let x = try generator.nextTensor(shape)
            var attributes: Attributes = ["pads": .ints(pads), "mode": .string(mode)]
            if mode == "constant" && generator.nextChance(0.5) { attributes["value"] = .float(generator.nextUnitDouble() * 4 - 2) }
            try KernelHarness.checkAgainstReference(family, .pad, operands: [x], attributes: attributes, expectedKernel: "pad:" + mode,
                                                    configuration: "#\(index) " + KernelHarness.describe(.pad, [x], attributes))
        }
    }

    @Test("transpose matches the reference on 60 random permutations")
    func randomTransposes() throws {
        var generator = SeededGenerator(seed: 0x7A5)
        var names: Set<String> = []
        for index in 0..<60 {
            let rank = generator.nextInt(in: 1...5)
            let x = try generator.nextTensor(generator.nextShape(rank: rank, sizes: 1...(rank > 3 ? 5 : 19)))
            let attributes: Attributes = index % 10 == 0 ? Attributes() : ["perm": .ints(generator.nextPermutation(rank))]
            let name = try KernelHarness.checkAgainstReference(family, .transpose, operands: [x], attributes: attributes,
                                                               configuration: "#\(index) " + KernelHarness.describe(.transpose, [x], attributes))
            if let name { names.insert(name) }
        }
        #expect(names == ["transpose-rows", "transpose-blocked-2d", "transpose-strided"])
    }

    @Test("NCHW ↔ NHWC and matrix transposes take the blocked 2-D path",
          arguments: [([2, 5, 6, 7], [0, 2, 3, 1]), ([2, 6, 7, 5], [0, 3, 1, 2]), ([3, 20, 33], [0, 2, 1]), ([37, 18], [1, 0])])
    func blockedTransposes(shape: [Int], permutation: [Int]) throws {
        var generator = SeededGenerator(seed: 11)
        let x = try generator.nextTensor(shape)
        let attributes: Attributes = ["perm": .ints(permutation)]
        try KernelHarness.checkAgainstReference(family, .transpose, operands: [x], attributes: attributes,
                                                expectedKernel: "transpose-blocked-2d",
                                                configuration: KernelHarness.describe(.transpose, [x], attributes))
    }

    @Test("flatten, reshape, squeeze and unsqueeze copy the elements (24 configurations)")
    func shapeOnlyOps() throws {
        var generator = SeededGenerator(seed: 0x5E)
        for index in 0..<24 {
            var shape = generator.nextShape(rank: generator.nextInt(in: 1...4), sizes: 1...5)
            let op: OpKind = [.flatten, .reshape, .squeeze, .unsqueeze][index % 4]
            var attributes = Attributes()
            switch op {
            case .flatten: attributes["axis"] = .int(generator.nextInt(in: 0...shape.count))
            case .reshape: attributes["shape"] = .ints([0, -1])
            case .squeeze:
                shape.insert(1, at: generator.nextInt(in: 0...shape.count))
                if generator.nextChance(0.5) { attributes["axes"] = .ints([shape.firstIndex(of: 1) ?? 0]) }
            default: attributes["axes"] = .ints([generator.nextInt(in: 0...shape.count)])
            }
            let x = try generator.nextTensor(shape)
            try KernelHarness.checkAgainstReference(family, op, operands: [x], attributes: attributes, expectedKernel: "copy",
                                                    configuration: "#\(index) " + KernelHarness.describe(op, [x], attributes))
        }
    }
}
