/// The index arithmetic of `slice` along one axis, as ONNX Slice defines it: a negative start or
/// end counts from the end of the axis; both are then clamped into the axis (to `0...size` for a
/// positive step, to `-1...size-1` for a negative one), so `Int.max` and `Int.min` stand for open
/// ends; the elements taken are start, start + step, … while short of end.
///
/// Shape inference and the reference kernels both use it, so they agree on every corner.
public struct SliceRange: Equatable, Sendable {
    /// The first index taken (meaningful when `count > 0`).
    public let first: Int
    /// The distance between consecutive indices taken (never 0).
    public let step: Int
    /// How many indices are taken.
    public let count: Int

    /// The range of `start..<end` by `step` (which must not be 0) on an axis of `size ≥ 0` elements.
    public init(start: Int, end: Int, step: Int, size: Int) {
        let fromEnd = { (index: Int) in index < 0 ? index + size : index }
        let (lower, upper) = step > 0 ? (0, size) : (-1, size - 1)
        let begin = Swift.min(Swift.max(fromEnd(start), Swift.max(lower, 0)), upper)
        let end = Swift.min(Swift.max(fromEnd(end), lower), upper)
        let span = step > 0 ? end - begin : begin - end
        self.first = begin
        self.step = step
        self.count = span <= 0 ? 0 : 1 + (span - 1) / Int(clamping: step.magnitude)
    }

    /// The `position`-th index taken.
    public func index(_ position: Int) -> Int { first + position * step }
}

/// The sizes of `split`'s results along the split axis.
public enum SplitSizes {
    /// The size of each of `parts` results when an axis of `size` elements is split: `split`
    /// when it is given (one size per result, summing to `size`), else equal parts of
    /// ceil(size / parts) with the remainder in the last. Throws a `Diagnostic` when the sizes do
    /// not fit.
    public static func sizes(axisSize size: Int, split: [Int], parts: Int) throws -> [Int] {
        guard parts >= 1 else { throw Diagnostic("split needs at least one result") }
        guard split.isEmpty else {
            let written = ShapeRules.text(split)
            guard split.count == parts else {
                throw Diagnostic("split \(written) gives \(split.count) parts, but the node declares \(parts) result\(parts == 1 ? "" : "s")")
            }
            guard split.allSatisfy({ $0 >= 0 }) else { throw Diagnostic("split sizes must be non-negative, found \(written)") }
            try ShapeRules.requireBelowLimit(split, "split sizes")
            let total = split.reduce(0, +)
            guard total == size else { throw Diagnostic("split \(written) sums to \(total), but the split axis has size \(size)") }
            return split
        }
        let part = size / parts + (size % parts == 0 ? 0 : 1)
        let (taken, overflow) = part.multipliedReportingOverflow(by: parts - 1)
        let last = overflow ? -1 : size - taken
        guard last >= 0 else {
            throw Diagnostic("cannot split an axis of size \(size) into \(parts) equal parts: parts of \(part) (size/parts rounded up) leave \(last) for the last; give split sizes")
        }
        return Array(repeating: part, count: parts - 1) + [last]
    }
}
