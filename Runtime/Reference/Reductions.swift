import Foundation
import CNNIR

extension ReferenceKernels {
    /// The reductions over axes (exact on i64 but for reduce_l2, which is floating; reduce_max
    /// and reduce_min also on bool) and the index reductions argmax and argmin.
    static let reductionKernels: [OpKind: ReferenceKernel] = [
        .reduceSum: ReferenceKernel(numeric: Reduction(kind: .sum)),
        .reduceMean: ReferenceKernel(numeric: Reduction(kind: .mean)),
        .reduceMax: booleanOrNumeric(Reduction(kind: .maximum)),
        .reduceMin: booleanOrNumeric(Reduction(kind: .minimum)),
        .reduceL2: ReferenceKernel { invocation in
            if try invocation.ints("axes").isEmpty, try invocation.bool("noop_with_empty_axes") { return try invocation.array(0) }
            var squares = try Reduction(kind: .sumOfSquares).compute(invocation, as: Double.self)
            squares.values = squares.values.map { $0.squareRoot() }
            return squares
        },
        .argmax: ReferenceKernel(results: { invocation in [try indexOfExtreme(invocation, largest: true)] }),
        .argmin: ReferenceKernel(results: { invocation in [try indexOfExtreme(invocation, largest: false)] }),
    ]
}

/// `reduction` computed in `Int64` on 0 and 1 for a bool operand (maximum: whether any element
/// is true, false over none; minimum: whether all are, true over none), numerically otherwise.
private func booleanOrNumeric(_ reduction: Reduction) -> ReferenceKernel {
    let numeric = ReferenceKernel(numeric: reduction)
    return ReferenceKernel(results: { invocation in
        guard try invocation.tensor(0).dtype == .bool else { return try numeric.run(invocation) }
        let result = try reduction.compute(invocation, as: Int64.self)
        let overNoElements = reduction.kind == .minimum
        return [try Tensor(shape: result.shape, elements: result.values.map { (0...1).contains($0) ? $0 == 1 : overNoElements })]
    })
}

/// One reduction over the `axes` attribute (all axes when empty, none with
/// `noop_with_empty_axes`), keeping the reduced axes with size 1 when `keepdims` is set.
private struct Reduction: NumericComputation {
    /// What the reduction accumulates (sum of squares serves reduce_l2).
    enum Kind { case sum, mean, maximum, minimum, sumOfSquares }
    /// The reduction computed.
    let kind: Kind

    func compute<Number: ReferenceNumber>(_ invocation: ReferenceInvocation, as type: Number.Type) throws -> ShapedArray<Number> {
        let x = try invocation.numbers(0, as: type)
        let given = try invocation.ints("axes")
        if given.isEmpty, try invocation.bool("noop_with_empty_axes") { return x }
        let axes = given.isEmpty ? Set(0..<x.rank) : try distinctAxes(given, rank: x.rank)
        let keptShape = x.shape.indices.map { axes.contains($0) ? 1 : x.shape[$0] }
        let keptStrides = rowMajorStrides(keptShape)
        let initial: Number = kind == .maximum ? .lowest : kind == .minimum ? .highest : Number(0)
        var totals = Array(repeating: initial, count: keptShape.reduce(1, *))
        var position = 0
        forEachIndex(in: x.shape) { index in
            var offset = 0
            for axis in index.indices where !axes.contains(axis) { offset += index[axis] * keptStrides[axis] }
            totals[offset] = accumulate(totals[offset], x.values[position])
            position += 1
        }
        if kind == .mean {
            let count = Number(axes.reduce(1) { $0 * x.shape[$1] })
            totals = totals.map { Number.quotient($0, count) }
        }
        let shape = try invocation.bool("keepdims") ? keptShape : x.shape.indices.filter { !axes.contains($0) }.map { x.shape[$0] }
        return ShapedArray(shape: shape, values: totals)
    }

    /// `total` with `value` taken in.
    private func accumulate<Number: ReferenceNumber>(_ total: Number, _ value: Number) -> Number {
        switch kind {
        case .sum, .mean: return ArithmeticOperation.add.apply(total, value)
        case .sumOfSquares: return ArithmeticOperation.add.apply(total, Number.product(value, value))
        case .maximum: return ArithmeticOperation.maximum.apply(total, value)
        case .minimum: return ArithmeticOperation.minimum.apply(total, value)
        }
    }
}

/// argmax or argmin along the `axis` attribute: i64 indices, the axis kept with size 1 under
/// `keepdims`. A NaN beats every number (as in NumPy); ties go to the first index, or the last
/// with `select_last_index`. i64 operands are compared exactly.
private func indexOfExtreme(_ invocation: ReferenceInvocation, largest: Bool) throws -> Tensor {
    try invocation.tensor(0).dtype == .i64
        ? try indexOfExtreme(invocation.numbers(0, as: Int64.self), invocation, largest: largest)
        : try indexOfExtreme(invocation.numbers(0, as: Double.self), invocation, largest: largest)
}

/// argmax or argmin of `x` (see `indexOfExtreme(_:largest:)`).
private func indexOfExtreme<Number: ReferenceNumber>(_ x: ShapedArray<Number>, _ invocation: ReferenceInvocation,
                                                     largest: Bool) throws -> Tensor {
    let axis = try normalizedAxis(invocation.int("axis"), rank: x.rank)
    let selectLast = try invocation.bool("select_last_index")
    let length = x.shape[axis], inner = x.shape[(axis + 1)...].reduce(1, *), outer = x.shape[..<axis].reduce(1, *)
    guard length > 0 else { throw Diagnostic("\(invocation.op) needs at least one element along axis \(axis)") }
    var indices: [Int64] = []
    indices.reserveCapacity(outer * inner)
    for o in 0..<outer {
        for i in 0..<inner {
            var best = 0
            for position in 1..<length {
                let candidate = x.values[(o * length + position) * inner + i], incumbent = x.values[(o * length + best) * inner + i]
                let wins = !incumbent.isNaN && (candidate.isNaN || (largest ? candidate > incumbent : candidate < incumbent))
                let ties = candidate == incumbent || (candidate.isNaN && incumbent.isNaN)
                if wins || (selectLast && ties) { best = position }
            }
            indices.append(Int64(best))
        }
    }
    var shape = x.shape
    if try invocation.bool("keepdims") { shape[axis] = 1 } else { shape.remove(at: axis) }
    return try Tensor(shape: shape, elements: indices)
}
