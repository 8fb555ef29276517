import CNNIR

/// The shapes, operands and literals op recipes draw from.
extension RandomGraphGenerator {
    /// A floating element type, mostly `f32`.
    mutating func floatingDType() -> DType { random.chance(0.8) ? .f32 : .f64 }

    /// A numeric element type: mostly floating, sometimes `i64`.
    mutating func numericDType() -> DType { random.chance(0.75) ? floatingDType() : .i64 }

    /// Any element type: mostly floating, sometimes `i64` or `bool`.
    mutating func anyDType() -> DType { random.chance(0.8) ? numericDType() : .bool }

    /// An element type among `kinds`.
    mutating func dtype(among kinds: ElementKinds) -> DType {
        switch kinds {
        case .floating: return floatingDType()
        case .numeric: return numericDType()
        case .any: return anyDType()
        }
    }

    /// A size for a static axis: mostly small, sometimes 1, rarely large.
    mutating func size() -> Int {
        if random.chance(0.15) { return 1 }
        if random.chance(0.03) { return random.pick([64, 224, 1000]) }
        return random.int(in: 2...7)
    }

    /// A leading (batch) axis: sometimes one of the graph's named dimensions.
    mutating func batchDimension() -> Dimension {
        random.chance(0.3) ? .named(random.pick(dimensionNames)) : .fixed(random.int(in: 1...4))
    }

    /// A shape of `rank`: a possibly named batch axis, then static sizes with a few named ones.
    mutating func shape(rank: Int) -> Shape {
        Shape((0..<rank).map { axis in
            if axis == 0 { return batchDimension() }
            return random.chance(0.05) ? .named(random.pick(dimensionNames)) : .fixed(size())
        })
    }

    /// An existing value whose type `fits` (with probability `reuse`, when there is one),
    /// otherwise a new graph input of type `fallback`.
    mutating func operand(reuse: Double = 0.7, fitting fits: (TensorType) -> Bool, orNew fallback: TensorType) -> OperandChoice {
        let fitting = definedValues.filter { fits($0.type) }
        if !fitting.isEmpty && random.chance(reuse) { return .existing(random.pick(fitting)) }
        return .newInput(fallback)
    }

    /// Any value of `dtype` with a rank in `ranks`.
    mutating func data(dtype: DType, ranks: ClosedRange<Int>) -> OperandChoice {
        let fallback = TensorType(dtype, shape(rank: random.int(in: ranks)))
        return operand(fitting: { $0.dtype == dtype && ranks.contains($0.rank) }, orNew: fallback)
    }

    /// Any value of `dtype` with a rank in `ranks` and only static sizes.
    mutating func staticData(dtype: DType, ranks: ClosedRange<Int>) -> OperandChoice {
        let rank = random.int(in: ranks)
        let fallback = TensorType(dtype, Shape((0..<rank).map { _ in Dimension.fixed(size()) }))
        return operand(fitting: { $0.dtype == dtype && ranks.contains($0.rank) && $0.shape.fixedSizes != nil }, orNew: fallback)
    }

    /// An image-like value `[N, C, spatial...]` of `dtype` whose channel and spatial sizes are static.
    mutating func image(dtype: DType, spatialRank: Int) -> OperandChoice {
        let spatial = (0..<spatialRank).map { _ in Dimension.fixed(random.int(in: 1...12)) }
        let fallback = TensorType(dtype, Shape([batchDimension(), .fixed(random.int(in: 1...8))] + spatial))
        return operand(fitting: { type in
            type.dtype == dtype && type.rank == spatialRank + 2 && type.shape.dimensions.dropFirst().allSatisfy { $0.fixedValue != nil }
        }, orNew: fallback)
    }

    /// A weight-like operand of a static `type`: a new parameter, or a small constant.
    mutating func weight(_ type: TensorType) -> OperandChoice {
        let small = (type.shape.elementCount ?? Int.max) <= 16
        return small && random.chance(0.25) ? .newConstant(type) : .newParameter(type)
    }

    /// The static size of `axis` of `type` (recipes only ask for axes they drew static).
    func staticSize(_ type: TensorType, _ axis: Int) -> Int {
        type.shape[axis].fixedValue ?? 1
    }

    /// `count` values drawn by `draw`, or the empty list (the op's default) with probability `emptyShare`.
    mutating func optionalList(_ count: Int, emptyShare: Double = 0.4, _ draw: (inout SeededGenerator) -> Int) -> [Int] {
        if random.chance(emptyShare) { return [] }
        return (0..<count).map { _ in draw(&random) }
    }

    /// A random literal of a static `type`, with values that stress number formatting.
    mutating func literal(of type: TensorType) -> TensorLiteral {
        let count = type.shape.elementCount ?? 0
        switch type.dtype {
        case .i64: return TensorLiteral(type: type, storage: .integer((0..<count).map { _ in random.stressInteger() }))
        case .f32: return TensorLiteral(type: type, storage: .floating((0..<count).map { _ in random.stressFloat() }))
        case .f64: return TensorLiteral(type: type, storage: .floating((0..<count).map { _ in random.stressDouble() }))
        case .bool: return TensorLiteral(shape: type.shape, booleans: (0..<count).map { _ in random.chance(0.5) })
        }
    }
}
