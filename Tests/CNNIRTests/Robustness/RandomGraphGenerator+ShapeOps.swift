import CNNIR

/// Recipes for constants and the data-movement ops: concat, flatten, reshape, transpose, pad,
/// squeeze and unsqueeze, all on any element type.
extension RandomGraphGenerator {
    /// A constant of any element type, rank 0 to 3 (rarely with an empty axis).
    mutating func constantCandidate() -> NodeCandidate {
        let sizes = (0..<random.int(in: 0...3)).map { _ in random.chance(0.05) ? 0 : random.int(in: 1...4) }
        let type = TensorType(random.pick(DType.allCases), sizes)
        return NodeCandidate([], ["value": .tensor(literal(of: type))])
    }

    /// concat of one to four values that differ only along the (possibly negative) axis.
    mutating func concatCandidate() -> NodeCandidate {
        let dtype = anyDType()
        let first = data(dtype: dtype, ranks: 1...5)
        let rank = first.type.rank
        let axis = random.int(in: 0...(rank - 1))
        var parts = [first]
        for _ in 0..<random.int(in: 0...3) {
            if random.chance(0.15) {
                parts.append(first)
            } else {
                var dimensions = first.type.shape.dimensions
                dimensions[axis] = .fixed(size())
                parts.append(new(TensorType(dtype, Shape(dimensions))))
            }
        }
        return NodeCandidate(parts, ["axis": .int(random.chance(0.4) ? axis - rank : axis)])
    }

    /// flatten at any axis from `-rank` to `rank`.
    mutating func flattenCandidate() -> NodeCandidate {
        let x = data(dtype: anyDType(), ranks: 1...5)
        let rank = x.type.rank
        return NodeCandidate([x], ["axis": .int(random.int(in: -rank...rank))])
    }

    /// reshape to a random factorization of the element count, with `0` (copy) and `-1` (infer)
    /// entries; a named batch axis is kept by a leading `0`.
    mutating func reshapeCandidate() -> NodeCandidate {
        let dtype = anyDType()
        let x = random.chance(0.8)
            ? staticData(dtype: dtype, ranks: 1...5)
            : .newInput(TensorType(dtype, Shape([.named(random.pick(dimensionNames))] + (0..<random.int(in: 1...3)).map { _ in .fixed(size()) })))
        let dimensions = x.type.shape.dimensions
        let keepsBatch = dimensions[0].fixedValue == nil
        let staticSizes = dimensions.dropFirst(keepsBatch ? 1 : 0).map { $0.fixedValue ?? 1 }
        var target = factorization(of: staticSizes.reduce(1, *), into: random.int(in: 1...4))
        if keepsBatch { target.insert(0, at: 0) }
        for axis in target.indices where axis < dimensions.count && target[axis] != 0 && dimensions[axis] == .fixed(target[axis]) && random.chance(0.3) {
            target[axis] = 0
        }
        let inferable = target.indices.filter { target[$0] != 0 }
        if !inferable.isEmpty && random.chance(0.4) { target[random.pick(inferable)] = -1 }
        return NodeCandidate([x], ["shape": .ints(target)])
    }

    /// transpose by a random permutation, or with the default (reversed axes).
    mutating func transposeCandidate() -> NodeCandidate {
        let x = data(dtype: anyDType(), ranks: 0...5)
        let permutation = random.chance(0.3) ? [] : Array(0..<x.type.rank).shuffled(using: &random)
        return NodeCandidate([x], ["perm": .ints(permutation)])
    }

    /// pad over every axis in each mode; reflect pads stay below the axis size.
    mutating func padCandidate() -> NodeCandidate {
        let x = data(dtype: anyDType(), ranks: 1...5)
        let mode = random.pick(["constant", "reflect", "edge"])
        let dimensions = x.type.shape.dimensions
        let pads = (0..<(2 * dimensions.count)).map { index in
            let largest = mode == "reflect" ? min(2, (dimensions[index % dimensions.count].fixedValue ?? 1) - 1) : 2
            return random.int(in: 0...max(largest, 0))
        }
        return NodeCandidate([x], ["pads": .ints(pads), "mode": .string(mode), "value": .float(random.stressDouble())])
    }

    /// squeeze of some or all size-1 axes.
    mutating func squeezeCandidate() -> NodeCandidate {
        let dtype = anyDType()
        let x: OperandChoice
        if random.chance(0.5) {
            var dimensions = shape(rank: random.int(in: 0...3)).dimensions
            for _ in 0..<random.int(in: 1...2) { dimensions.insert(.fixed(1), at: random.int(in: 0...dimensions.count)) }
            x = .newInput(TensorType(dtype, Shape(dimensions)))
        } else {
            x = data(dtype: dtype, ranks: 0...5)
        }
        let rank = x.type.rank
        let ones = x.type.shape.dimensions.indices.filter { x.type.shape[$0] == .fixed(1) }
        let axes = random.chance(0.3) ? [] : ones.filter { _ in random.chance(0.6) }.map { random.chance(0.3) ? $0 - rank : $0 }
        return NodeCandidate([x], ["axes": .ints(axes)])
    }

    /// unsqueeze at one or two distinct (possibly negative) axes of the output.
    mutating func unsqueezeCandidate() -> NodeCandidate {
        let x = data(dtype: anyDType(), ranks: 0...4)
        let count = random.int(in: 1...2)
        let outputRank = x.type.rank + count
        let axes = random.distinct(count, of: 0..<outputRank).map { random.chance(0.3) ? $0 - outputRank : $0 }
        return NodeCandidate([x], ["axes": .ints(axes)])
    }

    /// `count` split into `parts` factors (by distributing its prime factors at random).
    private mutating func factorization(of count: Int, into parts: Int) -> [Int] {
        var factors = Array(repeating: 1, count: parts)
        var remaining = count
        var prime = 2
        while remaining > 1 {
            if remaining % prime == 0 {
                factors[random.index(below: parts)] *= prime
                remaining /= prime
            } else {
                prime += 1
            }
        }
        return factors
    }
}
