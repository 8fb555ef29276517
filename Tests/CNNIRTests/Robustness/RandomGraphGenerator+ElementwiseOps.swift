import CNNIR

/// Recipes for activations, broadcasting arithmetic and the linear-algebra ops.
extension RandomGraphGenerator {
    /// An activation with number attributes (leaky_relu, elu, hard_sigmoid, clip, dropout).
    mutating func activationCandidate(_ op: OpKind) -> NodeCandidate {
        let x = data(dtype: floatingDType(), ranks: 0...5)
        let attributes: Attributes
        switch op {
        case .leakyRelu: attributes = ["alpha": .float(random.stressDouble())]
        case .elu: attributes = ["alpha": .float(random.ordinaryDouble(in: 0...2))]
        case .hardSigmoid: attributes = ["alpha": .float(random.stressDouble()), "beta": .float(random.stressDouble())]
        case .clip:
            let bounds = [random.pick([-Double.infinity, 0, -1, random.stressDouble()]), random.pick([6, Double.infinity, random.stressDouble()])]
            attributes = ["min": .float(bounds.min() ?? 0), "max": .float(bounds.max() ?? 0)]
        default:
            attributes = ["ratio": .float(random.ordinaryDouble(in: 0...0.9)), "seed": .int(random.pick([0, 42, Int(Int32.max), random.int(in: 0...1_000_000)]))]
        }
        return NodeCandidate([x], attributes)
    }

    /// prelu with a slope of `[1]`, `[C, 1, ...]` or x's trailing sizes with some set to 1.
    mutating func preluCandidate() -> NodeCandidate {
        let dtype = floatingDType()
        let x = data(dtype: dtype, ranks: 1...5)
        let dimensions = x.type.shape.dimensions
        let slope: [Int]
        switch random.int(in: 0...2) {
        case 0:
            slope = [1]
        case 1 where dimensions.count >= 2:
            slope = [dimensions[1].fixedValue ?? 1] + Array(repeating: 1, count: dimensions.count - 2)
        default:
            slope = dimensions.suffix(random.int(in: 1...dimensions.count)).map { random.chance(0.3) ? 1 : $0.fixedValue ?? 1 }
        }
        return NodeCandidate([x, weight(TensorType(dtype, slope))])
    }

    /// softmax or log_softmax along a random (possibly negative) axis.
    mutating func softmaxCandidate() -> NodeCandidate {
        let x = data(dtype: floatingDType(), ranks: 1...5)
        let rank = x.type.rank
        return NodeCandidate([x], ["axis": .int(random.int(in: -rank...(rank - 1)))])
    }

    /// add, sub, mul or div of a value and a broadcasting partner, in either order.
    mutating func broadcastingCandidate() -> NodeCandidate {
        let dtype = floatingDType()
        let first = data(dtype: dtype, ranks: 0...5)
        let second: OperandChoice
        if random.chance(0.25) {
            second = operand(reuse: 1, fitting: { $0 == first.type }, orNew: first.type)
        } else {
            second = new(TensorType(dtype, broadcastPartner(of: first.type.shape)))
        }
        return NodeCandidate(random.chance(0.5) ? [first, second] : [second, first])
    }

    /// gemm with random transposition, scaling and an optional broadcast `c`.
    mutating func gemmCandidate() -> NodeCandidate {
        let dtype = floatingDType()
        let (rows, inner, columns) = (batchDimension(), Dimension.fixed(size()), Dimension.fixed(size()))
        let transposeA = random.chance(0.3)
        let transposeB = random.chance(0.4)
        let a = new(TensorType(dtype, Shape(transposeA ? [inner, rows] : [rows, inner])))
        let b = weight(TensorType(dtype, Shape(transposeB ? [columns, inner] : [inner, columns])))
        var operands = [a, b]
        if random.chance(0.6) {
            let cShape: [Dimension] = random.pick([[columns], [1, columns], [rows, columns], [rows, 1], [1], []])
            operands.append(new(TensorType(dtype, Shape(cShape))))
        }
        return NodeCandidate(operands, [
            "alpha": .float(random.chance(0.5) ? 1 : random.stressDouble()),
            "beta": .float(random.chance(0.5) ? 1 : random.stressDouble()),
            "trans_a": .bool(transposeA),
            "trans_b": .bool(transposeB),
        ])
    }

    /// matmul in each of NumPy's forms: vector·vector, vector·matrix, matrix·vector, and batched
    /// with broadcast batch axes.
    mutating func matmulCandidate() -> NodeCandidate {
        let dtype = floatingDType()
        let fallback = TensorType(dtype, shape(rank: random.int(in: 1...4)).withStaticLastAxis(size()))
        let a = operand(fitting: { $0.dtype == dtype && (1...4).contains($0.rank) && $0.shape.dimensions.last?.fixedValue != nil }, orNew: fallback)
        let dimensions = a.type.shape.dimensions
        let inner = dimensions[dimensions.count - 1]
        let bShape: Shape
        if random.chance(0.25) {
            bShape = Shape([inner])
        } else {
            let batch = broadcastPartner(of: Shape(Array(dimensions.dropLast(2))))
            bShape = Shape(batch.dimensions + [inner, .fixed(size())])
        }
        return NodeCandidate([a, new(TensorType(dtype, bShape))])
    }

    /// A new operand of `type`: an input when a dimension is named, else a parameter, constant or input.
    mutating func new(_ type: TensorType) -> OperandChoice {
        type.shape.fixedSizes == nil || random.chance(0.3) ? .newInput(type) : weight(type)
    }

    /// A shape that broadcasts with `shape`: leading axes dropped or added, some sizes set to 1.
    mutating func broadcastPartner(of shape: Shape) -> Shape {
        var dimensions = shape.dimensions.dropFirst(random.int(in: 0...shape.rank)).map { random.chance(0.3) ? Dimension.fixed(1) : $0 }
        if random.chance(0.15) { dimensions.insert(contentsOf: (0..<random.int(in: 1...2)).map { _ in .fixed(size()) }, at: 0) }
        return Shape(dimensions)
    }
}

extension Shape {
    /// This shape with its last axis static (`size`) if it was named; a scalar gains an axis.
    func withStaticLastAxis(_ size: Int) -> Shape {
        guard let last = dimensions.last else { return Shape([size]) }
        return last.fixedValue == nil ? Shape(dimensions.dropLast() + [.fixed(size)]) : self
    }
}
