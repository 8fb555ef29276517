import CNNIR

extension ReferenceKernels {
    /// Ops that move or relabel elements without arithmetic; they keep the operands' elements
    /// exactly, in any element type.
    static let dataMovementKernels: [OpKind: ReferenceKernel] = [
        .identity: reshaping { shape, _ in shape },
        .flatten: reshaping(flattenedShape),
        .reshape: reshaping(reshapedShape),
        .squeeze: reshaping(squeezedShape),
        .unsqueeze: reshaping(unsqueezedShape),
        .transpose: ReferenceKernel(results: { invocation in
            let x = try invocation.tensor(0)
            let given = try invocation.ints("perm")
            let mapping = IndexMapping.permutation(of: x.shape, try validPermutation(given.isEmpty ? Array((0..<x.rank).reversed()) : given, rank: x.rank))
            return [try x.gathering(mapping.offsets, shape: mapping.shape)]
        }),
        .concat: ReferenceKernel(results: { invocation in [try concatenation(invocation)] }),
    ]

    /// A kernel that gives the first operand a new shape, computed from its shape and the attributes.
    private static func reshaping(_ newShape: @escaping @Sendable ([Int], ReferenceInvocation) throws -> [Int]) -> ReferenceKernel {
        ReferenceKernel(results: { invocation in
            let x = try invocation.tensor(0)
            return [try x.reshaped(to: newShape(x.shape, invocation))]
        })
    }
}

/// `x` with its axes reordered: result axis `i` is input axis `permutation[i]`.
func permuted<Element>(_ x: ShapedArray<Element>, _ permutation: [Int]) -> ShapedArray<Element> {
    let mapping = IndexMapping.permutation(of: x.shape, permutation)
    return x.gathering(mapping.offsets, shape: mapping.shape)
}

/// `permutation` if it holds each of `0..<rank` once; throws otherwise.
private func validPermutation(_ permutation: [Int], rank: Int) throws -> [Int] {
    guard permutation.sorted() == Array(0..<rank) else {
        throw Diagnostic("attribute 'perm' must be a permutation of 0..<\(rank), found \(describe(permutation))")
    }
    return permutation
}

/// flatten: `[prod(dims before axis), prod(dims from axis)]`; axis in `-rank...rank`.
@Sendable private func flattenedShape(_ shape: [Int], _ invocation: ReferenceInvocation) throws -> [Int] {
    let given = try invocation.int("axis")
    let axis = given < 0 ? given + shape.count : given
    guard axis >= 0 && axis <= shape.count else {
        throw Diagnostic("axis \(given) is out of range for rank \(shape.count)")
    }
    return [shape[..<axis].reduce(1, *), shape[axis...].reduce(1, *)]
}

/// reshape: the `shape` attribute, where 0 copies the input's size on that axis (or with
/// `allowzero` is a size 0) and one -1 is inferred from the element count.
@Sendable private func reshapedShape(_ shape: [Int], _ invocation: ReferenceInvocation) throws -> [Int] {
    let requested = try invocation.ints("shape")
    let allowsZero = try invocation.bool("allowzero")
    var result: [Int] = []
    var inferredAxis: Int?
    for (axis, size) in requested.enumerated() {
        switch size {
        case 0 where allowsZero:
            result.append(0)
        case 0:
            guard axis < shape.count else {
                throw Diagnostic("shape entry 0 at position \(axis) copies an axis the input \(describe(shape)) does not have")
            }
            result.append(shape[axis])
        case -1:
            guard inferredAxis == nil else { throw Diagnostic("shape \(describe(requested)) has more than one -1") }
            inferredAxis = axis
            result.append(1)
        case let size where size > 0:
            result.append(size)
        default:
            throw Diagnostic("shape \(describe(requested)) has a negative size other than -1")
        }
    }
    let total = shape.reduce(1, *), known = result.reduce(1, *)
    if let inferredAxis {
        guard known > 0, total % known == 0 else {
            throw Diagnostic("cannot reshape \(describe(shape)) to \(describe(requested)): \(total) elements do not divide")
        }
        result[inferredAxis] = total / known
    }
    guard result.reduce(1, *) == total else {
        throw Diagnostic("cannot reshape \(describe(shape)) (\(total) elements) to \(describe(requested))")
    }
    return result
}

/// squeeze: drops the listed axes, which must have size 1, or every size-1 axis if none are listed.
@Sendable private func squeezedShape(_ shape: [Int], _ invocation: ReferenceInvocation) throws -> [Int] {
    let given = try invocation.ints("axes")
    if given.isEmpty { return shape.filter { $0 != 1 } }
    let axes = try distinctAxes(given, rank: shape.count)
    for axis in axes where shape[axis] != 1 {
        throw Diagnostic("cannot squeeze axis \(axis) of size \(shape[axis]) in \(describe(shape))")
    }
    return shape.enumerated().filter { !axes.contains($0.offset) }.map(\.element)
}

/// unsqueeze: inserts size-1 axes at the listed positions of the output.
@Sendable private func unsqueezedShape(_ shape: [Int], _ invocation: ReferenceInvocation) throws -> [Int] {
    let outputRank = shape.count + (try invocation.ints("axes")).count
    let axes = try distinctAxes(invocation.ints("axes"), rank: outputRank)
    var remaining = shape[...]
    return (0..<outputRank).map { axis in axes.contains(axis) ? 1 : remaining.popFirst() ?? 1 }
}

/// The axes normalized to `0..<rank`; throws if one is out of range or repeated.
func distinctAxes(_ axes: [Int], rank: Int) throws -> Set<Int> {
    let normalized = try axes.map { try normalizedAxis($0, rank: rank) }
    let distinct = Set(normalized)
    guard distinct.count == normalized.count else { throw Diagnostic("attribute 'axes' repeats an axis: \(describe(axes))") }
    return distinct
}

/// concat: the operands joined along `axis`; every other size must agree.
private func concatenation(_ invocation: ReferenceInvocation) throws -> Tensor {
    let parts = invocation.operands
    guard let first = parts.first else { throw Diagnostic("concat needs at least one operand") }
    let axis = try normalizedAxis(invocation.int("axis"), rank: first.rank)
    for part in parts where part.rank != first.rank || part.shape.indices.contains(where: { $0 != axis && part.shape[$0] != first.shape[$0] }) {
        throw Diagnostic("cannot concatenate \(describe(part.shape)) with \(describe(first.shape)) along axis \(axis)")
    }
    let outer = first.shape[..<axis].reduce(1, *)
    var shape = first.shape
    shape[axis] = parts.reduce(0) { $0 + $1.shape[axis] }
    let starts = parts.indices.map { index in parts[..<index].reduce(0) { $0 + $1.count } }
    var offsets: [Int] = []
    offsets.reserveCapacity(shape.reduce(1, *))
    for o in 0..<outer {
        for (part, start) in zip(parts, starts) {
            let block = part.shape[axis...].reduce(1, *)
            offsets += (start + o * block)..<(start + (o + 1) * block)
        }
    }
    return try Tensor(shape: shape, storage: TensorStorage.joined(parts.map(\.storage)).gathering(offsets))
}
