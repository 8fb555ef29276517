import CNNIR

/// Recipes for reductions, pow, the variadic ops, comparisons and where.
extension RandomGraphGenerator {
    /// A reduction over a random subset of axes (possibly negative, possibly none), with
    /// random keepdims and noop_with_empty_axes.
    mutating func reductionCandidate(_ accepted: ElementKinds) -> NodeCandidate {
        let x = data(dtype: dtype(among: accepted), ranks: 0...5)
        let rank = x.type.rank
        let axes = (0..<rank).filter { _ in random.chance(0.4) }.shuffled(using: &random).map { random.chance(0.3) ? $0 - rank : $0 }
        return NodeCandidate([x], ["axes": .ints(axes), "keepdims": .bool(random.chance(0.5)),
                                   "noop_with_empty_axes": .bool(random.chance(0.2))])
    }

    /// argmax or argmin along a random (possibly negative) axis.
    mutating func indexReductionCandidate() -> NodeCandidate {
        let x = data(dtype: numericDType(), ranks: 1...5)
        let rank = x.type.rank
        return NodeCandidate([x], ["axis": .int(random.int(in: -rank...(rank - 1))), "keepdims": .bool(random.chance(0.5)),
                                   "select_last_index": .bool(random.chance(0.3))])
    }

    /// pow of a value and a broadcasting exponent, possibly of another numeric type.
    mutating func powerCandidate() -> NodeCandidate {
        let base = data(dtype: numericDType(), ranks: 0...4)
        let exponentType = random.chance(0.7) ? base.type.dtype : numericDType()
        return NodeCandidate([base, new(TensorType(exponentType, broadcastPartner(of: base.type.shape)))])
    }

    /// sum, max, min or mean of one to four values that broadcast together.
    mutating func variadicCandidate(floatingOnly: Bool) -> NodeCandidate {
        let dtype = floatingOnly ? floatingDType() : numericDType()
        let first = data(dtype: dtype, ranks: 0...4)
        let others = (0..<random.int(in: 0...3)).map { _ in new(TensorType(dtype, broadcastPartner(of: first.type.shape))) }
        var operands = [first] + others
        operands.shuffle(using: &random)
        return NodeCandidate(operands)
    }

    /// equal (any dtype), less or greater (numeric) of a value and a broadcasting partner.
    mutating func comparisonCandidate(anyDType: Bool) -> NodeCandidate {
        let dtype = anyDType ? self.anyDType() : numericDType()
        let first = data(dtype: dtype, ranks: 0...4)
        let second = random.chance(0.25)
            ? operand(reuse: 1, fitting: { $0 == first.type }, orNew: first.type)
            : new(TensorType(dtype, broadcastPartner(of: first.type.shape)))
        return NodeCandidate(random.chance(0.5) ? [first, second] : [second, first])
    }

    /// where with a bool condition and x, y of one dtype, the three broadcasting together.
    mutating func selectionCandidate() -> NodeCandidate {
        let x = data(dtype: anyDType(), ranks: 0...4)
        let conditionFallback = TensorType(.bool, broadcastPartner(of: x.type.shape))
        let condition = operand(reuse: 0.5, fitting: { $0.dtype == .bool && $0.rank <= x.type.rank }, orNew: conditionFallback)
        let y = new(TensorType(x.type.dtype, broadcastPartner(of: x.type.shape)))
        return NodeCandidate([condition, x, y])
    }
}
