/// reduce_sum, reduce_mean, reduce_max, reduce_min and reduce_l2 over any set of axes.
///
/// The input is walked once in row-major order, as `CoalescedAxes` simplifies it with the
/// output's strides (0 on the reduced axes): neighbouring reduced axes merge, as do neighbouring
/// kept ones. When the innermost axis is reduced, each input row is reduced to one value, 16
/// lanes at a time, and combined into its output element; when it is kept, each input row is
/// combined element by element into a contiguous output row. The output starts at the
/// reduction's initial value; mean scales the sums by 1/count and l2 takes their square roots.
struct AxisReductionKernel: Kernel {
    /// The reduction, for `run` to pick the specialized loop once.
    enum Kind: Sendable {
        case sum, mean, maximum, minimum, euclideanNorm
    }

    let name: String
    /// The reduction computed.
    let kind: Kind
    /// The walk over the input rows: input offset first, output offset second.
    let rows: OffsetOdometer
    /// The elements of one input row.
    let innerSize: Int
    /// Whether the innermost axis is reduced (else it is kept).
    let reducesRows: Bool
    /// The number of output elements.
    let outputCount: Int
    /// The number of input elements each output element reduces (mean's divisor).
    let reducedCount: Int

    var workspaceBytes: Int { 0 }

    /// The kernel reducing `input` over `axes` (distinct, in `0..<rank`).
    init(name: String, kind: Kind, input: [Int], axes: Set<Int>) {
        let keptShape = input.indices.map { axes.contains($0) ? 1 : input[$0] }
        let keptStrides = rowMajorStrides(keptShape)
        let outputStrides = input.indices.map { axes.contains($0) ? 0 : keptStrides[$0] }
        let walk = CoalescedAxes(sizes: input, strides: [rowMajorStrides(input), outputStrides])
        self.name = name
        self.kind = kind
        rows = walk.outerOdometer
        innerSize = walk.innerSize
        reducesRows = walk.sizes.isEmpty || walk.innerStride(1) == 0
        outputCount = elementCount(keptShape)
        reducedCount = axes.reduce(1) { $0 * input[$1] }
    }

    func run(_ buffers: KernelBuffers, context: KernelContext) {
        let x = buffers.floatInput(0), y = buffers.floatOutput(0)
        switch kind {
        case .sum, .mean: reduce(AxisSum.self, x, y)
        case .maximum: reduce(AxisMaximum.self, x, y)
        case .minimum: reduce(AxisMinimum.self, x, y)
        case .euclideanNorm: reduce(AxisSumOfSquares.self, x, y)
        }
        switch kind {
        case .mean: applyTransform(ConstantScale(factor: 1 / Float(reducedCount)), UnsafePointer(y), y, count: outputCount)
        case .euclideanNorm: applyTransform(SquareRoot(), UnsafePointer(y), y, count: outputCount)
        default: break
        }
    }

    /// Every output element set to the reduction of its input elements.
    @inline(__always)
    private func reduce<Reduction: AxisReduction>(_ reduction: Reduction.Type, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>) {
        y.initialize(repeating: Reduction.initial, count: outputCount)
        let inner = innerSize
        if reducesRows {
            rows.forEach { inputOffset, outputOffset in
                y[outputOffset] = Reduction.combine(y[outputOffset], reduceRow(Reduction.self, x + inputOffset, count: inner))
            }
        } else {
            rows.forEach { inputOffset, outputOffset in
                combineRow(Reduction.self, x + inputOffset, into: y + outputOffset, count: inner)
            }
        }
    }

    /// The reduction of `count` contiguous elements: 16 running values, then across them.
    @inline(__always)
    private func reduceRow<Reduction: AxisReduction>(_ reduction: Reduction.Type, _ row: UnsafePointer<Float>, count: Int) -> Float {
        var lanes = FloatVector(repeating: Reduction.initial)
        var index = 0
        while index + 16 <= count {
            lanes = Reduction.combine(lanes, Reduction.term(row.loadFloatVector(at: index)))
            index += 16
        }
        var running = Reduction.initial
        for lane in 0..<16 { running = Reduction.combine(running, lanes[lane]) }
        while index < count {
            running = Reduction.combine(running, Reduction.term(row[index]))
            index += 1
        }
        return running
    }

    /// `y[i] = y[i] ∘ term(row[i])` for `i` in `0..<count`, 16 lanes at a time.
    @inline(__always)
    private func combineRow<Reduction: AxisReduction>(_ reduction: Reduction.Type, _ row: UnsafePointer<Float>,
                                                       into y: UnsafeMutablePointer<Float>, count: Int) {
        var index = 0
        while index + 16 <= count {
            let running = UnsafePointer(y).loadFloatVector(at: index)
            y.storeFloatVector(Reduction.combine(running, Reduction.term(row.loadFloatVector(at: index))), at: index)
            index += 16
        }
        while index < count {
            y[index] = Reduction.combine(y[index], Reduction.term(row[index]))
            index += 1
        }
    }
}
