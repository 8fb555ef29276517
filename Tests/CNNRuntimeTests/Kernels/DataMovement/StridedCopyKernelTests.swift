import Testing
import CNNIR
import CNNRuntime

/// slice (negative indices, clamped and open ends, negative steps), split (given and equal
/// parts), expand, tile (zero repeats included), depth_to_space (DCR and CRD) and
/// space_to_depth against the reference on random shapes.
///
/// These kernels only copy elements, so they must be exact: the bound
/// (`KernelHarness.relativeL2Bound`, 1e-5) is met with error 0, and any misplaced or unwritten
/// (NaN-poisoned) element fails it.
@Suite("Strided copy kernels")
struct StridedCopyKernelTests {
    let family = DataMovementKernels()

    @Test("slice, split, expand, tile, depth_to_space and space_to_depth match the reference on 240 random configurations")
    func randomCopies() throws {
        var generator = SeededGenerator(seed: 0x511CE)
        let ops: [OpKind] = [.slice, .split, .expand, .tile, .depthToSpace, .spaceToDepth]
        for index in 0..<240 {
            let op = ops[index % ops.count]
            let (x, attributes, resultCount) = try draw(op, wide: index % 4 == 0, &generator)
            let expected = op == .depthToSpace || op == .spaceToDepth ? nil : op.rawValue
            try KernelHarness.checkAgainstReference(family, op, operands: [x], attributes: attributes, resultCount: resultCount,
                                                    expectedKernel: expected,
                                                    configuration: "#\(index) " + KernelHarness.describe(op, [x], attributes) + " results \(resultCount)")
        }
    }

    @Test("other element types are left to the reference kernels")
    func otherElementTypes() throws {
        let integers = try Tensor(shape: [2, 3], elements: [1, 2, 3, 4, 5, 6] as [Int64])
        let request = try KernelHarness.request(.slice, operands: [integers], attributes: ["starts": .ints([1]), "ends": .ints([2])])
        #expect(try family.makeKernel(for: request) == nil)
    }

    /// A random configuration of `op`: the input, the attributes and the number of results.
    private func draw(_ op: OpKind, wide: Bool, _ generator: inout SeededGenerator) throws -> (Tensor, Attributes, Int) {
        let rank = generator.nextInt(in: 1...4)
        var shape = generator.nextShape(rank: rank, sizes: 1...6)
        if wide { shape[rank - 1] = generator.nextInt(in: 17...40) }
        switch op {
        case .slice:
            let axes = (0..<rank).filter { _ in generator.nextChance(0.6) }
            let steps = axes.map { _ in generator.nextElement(of: [1, 1, 2, 3, -1, -2]) }
            let index = { (generator: inout SeededGenerator, size: Int) -> Int in
                generator.nextChance(0.15) ? generator.nextElement(of: [Int.max, Int.min, -100, 100]) : generator.nextInt(in: -size...size)
            }
            let starts = axes.map { index(&generator, shape[$0]) }, ends = axes.map { index(&generator, shape[$0]) }
            var attributes: Attributes = ["starts": .ints(starts), "ends": .ints(ends), "steps": .ints(steps)]
            attributes["axes"] = .ints(axes.map { generator.nextChance(0.3) ? $0 - rank : $0 })
            return (try generator.nextTensor(shape), attributes, 1)
        case .split:
            let axis = generator.nextInt(in: 0...(rank - 1))
            let parts = generator.nextInt(in: 1...3)
            if generator.nextChance(0.5) {
                var sizes = (0..<parts).map { _ in generator.nextInt(in: 0...4) }
                shape[axis] = sizes.reduce(0, +)
                if shape[axis] == 0 { sizes[0] = 1; shape[axis] = 1 }
                return (try generator.nextTensor(shape), ["axis": .int(axis - rank), "split": .ints(sizes)], parts)
            }
            shape[axis] = max(shape[axis], parts)
            return (try generator.nextTensor(shape), ["axis": .int(axis)], parts)
        case .expand:
            let source = shape.map { generator.nextChance(0.5) ? 1 : $0 }
            let target = (0..<generator.nextInt(in: 0...1)).map { _ in generator.nextInt(in: 1...3) }
                + shape.indices.map { source[$0] == 1 && generator.nextChance(0.3) ? 1 : shape[$0] }
            return (try generator.nextTensor(source), ["shape": .ints(target)], 1)
        case .tile:
            let repeats = shape.map { _ in generator.nextElement(of: [1, 1, 2, 3, 0]) }
            return (try generator.nextTensor(shape), ["repeats": .ints(repeats)], 1)
        default:
            let block = generator.nextInt(in: 1...3)
            let spatial = (0..<2).map { _ in generator.nextInt(in: 1...(wide ? 12 : 4)) * (op == .spaceToDepth ? block : 1) }
            let channels = generator.nextInt(in: 1...3) * (op == .depthToSpace ? block * block : 1)
            var attributes: Attributes = ["blocksize": .int(block)]
            if op == .depthToSpace { attributes["mode"] = .string(generator.nextElement(of: ["DCR", "CRD"])) }
            return (try generator.nextTensor([generator.nextInt(in: 1...2), channels] + spatial), attributes, 1)
        }
    }
}
