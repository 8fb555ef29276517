/// slice and split: parts of x along some axes, in any dtype.
enum SlicingOps {
    static let slice = OpSchema(
        .slice, "Elements from starts to ends (exclusive) by steps along the axes, as ONNX Slice: negative indices count from the end, out-of-range ones are clamped, negative steps walk backwards.",
        operands: [.required("x")],
        attributes: [AttributeSpec("starts", .ints, default: nil, "the first index per sliced axis (negative counts from the end)"),
                     AttributeSpec("ends", .ints, default: nil, "the end (exclusive) per sliced axis; clamped, so 9223372036854775807 is the end"),
                     AttributeSpec("axes", .ints, default: .ints([]), "the sliced axes; [] means 0, 1, … one per start"),
                     AttributeSpec("steps", .ints, default: .ints([]), "the step per sliced axis (not 0; negative walks backwards); [] means 1")]) { context in
        let x = try context.operand(0, "x")
        let (starts, ends) = (try context.ints("starts"), try context.ints("ends"))
        guard starts.count == ends.count else {
            throw Diagnostic("starts \(ShapeRules.text(starts)) and ends \(ShapeRules.text(ends)) must have the same length")
        }
        let axes = try perSlicedAxis(context.ints("axes"), "axes", count: starts.count, default: Array(0..<starts.count))
        let steps = try perSlicedAxis(context.ints("steps"), "steps", count: starts.count, default: Array(repeating: 1, count: starts.count))
        guard !steps.contains(0) else { throw Diagnostic("steps must not be 0, found \(ShapeRules.text(steps))") }
        var shape = x.shape
        for (index, axis) in try ShapeRules.normalizeAxes(axes, rank: x.rank).enumerated() {
            let size = try ShapeRules.staticSize(x.shape[axis], axis: axis, of: "x", "to slice it")
            shape[axis] = .fixed(SliceRange(start: starts[index], end: ends[index], step: steps[index], size: size).count)
        }
        return [TensorType(x.dtype, shape)]
    }

    static let split = OpSchema(
        .split, "Splits x along the axis into consecutive parts, one per result: the sizes in split, or equal parts (the last smaller when the axis does not divide evenly).",
        operands: [.required("x")],
        attributes: [AttributeSpec("axis", .int, default: .int(0), "the axis split (negative counts from the end)"),
                     AttributeSpec("split", .ints, default: .ints([]), "the size of each result along the axis; [] means equal parts")]) { context in
        let x = try context.operand(0, "x")
        let axis = try ShapeRules.normalizeAxis(context.int("axis"), rank: x.rank)
        let split = try context.ints("split")
        if split.isEmpty && context.resultCount == 1 { return [x] }
        let size = try ShapeRules.staticSize(x.shape[axis], axis: axis, of: "x", "to split it")
        return try SplitSizes.sizes(axisSize: size, split: split, parts: context.resultCount).map { part in
            var shape = x.shape
            shape[axis] = .fixed(part)
            return TensorType(x.dtype, shape)
        }
    }

    /// `given`, or `default` when it is empty; throws unless it has one value per sliced axis.
    private static func perSlicedAxis(_ given: [Int], _ name: String, count: Int, default: [Int]) throws -> [Int] {
        if given.isEmpty { return `default` }
        guard given.count == count else {
            throw Diagnostic("\(name) must have one value per start (\(count)), found \(ShapeRules.text(given))")
        }
        return given
    }
}
