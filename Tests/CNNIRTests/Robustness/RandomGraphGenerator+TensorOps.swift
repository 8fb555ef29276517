import CNNIR

/// Recipes for the ops that move elements of any dtype: slice, split, expand, tile,
/// depth_to_space and space_to_depth.
extension RandomGraphGenerator {
    /// slice of some static axes with starts and ends in and beyond the axis (open ends
    /// included) and steps of either sign; axes and steps sometimes left to their defaults.
    mutating func sliceCandidate() -> NodeCandidate {
        let x = data(dtype: anyDType(), ranks: 1...5)
        let rank = x.type.rank
        let staticAxes = (0..<rank).filter { x.type.shape[$0].fixedValue != nil }
        guard !staticAxes.isEmpty else { return NodeCandidate([x], ["starts": .ints([0]), "ends": .ints([1])]) }
        let axes = Array(staticAxes.shuffled(using: &random).prefix(random.int(in: 1...staticAxes.count)))
        func index(_ size: Int) -> Int {
            random.chance(0.15) ? random.pick([Int.min, Int.max]) : random.int(in: (-size - 2)...(size + 2))
        }
        let starts = axes.map { index(staticSize(x.type, $0)) }
        let ends = axes.map { index(staticSize(x.type, $0)) }
        var attributes: Attributes = ["starts": .ints(starts), "ends": .ints(ends)]
        if axes != Array(0..<axes.count) || random.chance(0.5) {
            attributes["axes"] = .ints(axes.map { random.chance(0.3) ? $0 - rank : $0 })
        }
        if random.chance(0.7) { attributes["steps"] = .ints(axes.map { _ in random.pick([-3, -2, -1, 1, 1, 2, 3]) }) }
        return NodeCandidate([x], attributes)
    }

    /// split into one to three results along a static axis, by given sizes or into equal parts.
    mutating func splitCandidate() -> NodeCandidate {
        let x = staticData(dtype: anyDType(), ranks: 1...4)
        let rank = x.type.rank
        let axis = random.int(in: 0...(rank - 1))
        let size = staticSize(x.type, axis)
        let parts = random.int(in: 1...3)
        var attributes: Attributes = ["axis": .int(random.chance(0.3) ? axis - rank : axis)]
        if random.chance(0.5) {
            var sizes = Array(repeating: 0, count: parts)
            for _ in 0..<size { sizes[random.index(below: parts)] += 1 }
            attributes["split"] = .ints(sizes)
        }
        return NodeCandidate([x], attributes, resultCount: parts)
    }

    /// expand with a shape that broadcasts with x's: x's sizes kept or replaced by 1, size-1
    /// axes stretched, and sometimes new leading axes.
    mutating func expandCandidate() -> NodeCandidate {
        let x = data(dtype: anyDType(), ranks: 0...4)
        var shape = x.type.shape.dimensions.map { dimension -> Int in
            guard let size = dimension.fixedValue else { return 1 }
            return size == 1 ? random.pick([1, 2, 3]) : random.chance(0.3) ? 1 : size
        }
        if random.chance(0.4) { shape.insert(contentsOf: (0..<random.int(in: 1...2)).map { _ in random.int(in: 1...3) }, at: 0) }
        return NodeCandidate([x], ["shape": .ints(Array(shape.dropFirst(random.chance(0.2) ? min(1, shape.count) : 0)))])
    }

    /// tile with 0 to 3 copies per static axis and 1 or 0 on named ones.
    mutating func tileCandidate() -> NodeCandidate {
        let x = data(dtype: anyDType(), ranks: 0...4)
        let repeats = x.type.shape.dimensions.map { $0.fixedValue == nil ? random.pick([0, 1, 1]) : random.pick([0, 1, 1, 2, 3]) }
        return NodeCandidate([x], ["repeats": .ints(repeats)])
    }

    /// depth_to_space (either mode) or space_to_depth on an [N, C, H, W] value whose sizes fit
    /// a block of 1 to 3.
    mutating func spaceDepthCandidate(intoSpace: Bool) -> NodeCandidate {
        let block = random.int(in: 1...3)
        let dtype = anyDType()
        let (channels, height, width) = intoSpace
            ? (block * block * random.int(in: 1...3), random.int(in: 1...4), random.int(in: 1...4))
            : (random.int(in: 1...3), block * random.int(in: 1...3), block * random.int(in: 1...3))
        let fallback = TensorType(dtype, Shape([batchDimension(), .fixed(channels), .fixed(height), .fixed(width)]))
        let x = operand(reuse: 0.3, fitting: { $0.dtype == dtype && $0.rank == 4 && $0.shape.dimensions.dropFirst().allSatisfy { $0.fixedValue != nil } },
                        orNew: fallback)
        var attributes: Attributes = ["blocksize": .int(block)]
        if intoSpace { attributes["mode"] = .string(random.pick(["DCR", "CRD"])) }
        return NodeCandidate([x], attributes)
    }
}
