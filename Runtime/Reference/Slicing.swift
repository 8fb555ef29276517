import CNNIR

extension ReferenceKernels {
    /// slice and split, exact in every element type.
    static let slicingKernels: [OpKind: ReferenceKernel] = [
        .slice: ReferenceKernel(results: { invocation in [try slice(invocation)] }),
        .split: ReferenceKernel(results: { try split($0) }),
    ]
}

/// slice: along each listed axis the elements of `SliceRange(start, end, step)` (ONNX Slice);
/// the other axes whole.
private func slice(_ invocation: ReferenceInvocation) throws -> Tensor {
    let x = try invocation.tensor(0)
    let starts = try invocation.ints("starts"), ends = try invocation.ints("ends")
    let givenAxes = try invocation.ints("axes"), givenSteps = try invocation.ints("steps")
    let axes = givenAxes.isEmpty ? Array(0..<starts.count) : givenAxes
    let steps = givenSteps.isEmpty ? Array(repeating: 1, count: starts.count) : givenSteps
    guard ends.count == starts.count, axes.count == starts.count, steps.count == starts.count else {
        throw Diagnostic("starts, ends, axes and steps must have one value per sliced axis, found \(starts.count), \(ends.count), \(axes.count) and \(steps.count)")
    }
    guard !steps.contains(0) else { throw Diagnostic("steps must not be 0, found \(describe(steps))") }
    var ranges = x.shape.map { SliceRange(start: 0, end: $0, step: 1, size: $0) }
    let normalized = try axes.map { try normalizedAxis($0, rank: x.rank) }
    guard Set(normalized).count == normalized.count else { throw Diagnostic("attribute 'axes' repeats an axis: \(describe(axes))") }
    for (index, axis) in normalized.enumerated() {
        ranges[axis] = SliceRange(start: starts[index], end: ends[index], step: steps[index], size: x.shape[axis])
    }
    return try sliced(x, ranges)
}

/// split: consecutive parts along `axis`, of the sizes in `split` or equal parts, one per result.
private func split(_ invocation: ReferenceInvocation) throws -> [Tensor] {
    let x = try invocation.tensor(0)
    let axis = try normalizedAxis(invocation.int("axis"), rank: x.rank)
    let given = try invocation.ints("split")
    let sizes = try SplitSizes.sizes(axisSize: x.shape[axis], split: given, parts: given.isEmpty ? invocation.resultCount : given.count)
    var start = 0
    return try sizes.map { size in
        var ranges = x.shape.map { SliceRange(start: 0, end: $0, step: 1, size: $0) }
        ranges[axis] = SliceRange(start: start, end: start + size, step: 1, size: x.shape[axis])
        start += size
        return try sliced(x, ranges)
    }
}

/// The elements of `x` at the indices of `ranges` (one per axis), exactly.
private func sliced(_ x: Tensor, _ ranges: [SliceRange]) throws -> Tensor {
    let strides = rowMajorStrides(x.shape)
    let shape = ranges.map(\.count)
    let axisOffsets = ranges.indices.map { axis in (0..<ranges[axis].count).map { ranges[axis].index($0) * strides[axis] } }
    return try x.gathering(IndexMapping.offsets(shape: shape, axisOffsets: axisOffsets), shape: shape)
}
