/// The reductions over a set of axes (reduce_mean, reduce_sum, reduce_max, reduce_min,
/// reduce_l2) and the index reductions along one axis (argmax, argmin).
enum ReductionOps {
    static let reduceMean = reduction(.reduceMean, "Mean over the axes (on i64, the sum divided by the count, truncated toward zero).", .numeric)
    static let reduceSum = reduction(.reduceSum, "Sum over the axes.", .numeric)
    static let reduceMax = reduction(.reduceMax, "Maximum over the axes (NaN propagates; on bool, whether any element is true; −inf, the least i64 or false over no elements).", .any)
    static let reduceMin = reduction(.reduceMin, "Minimum over the axes (NaN propagates; on bool, whether every element is true; inf, the greatest i64 or true over no elements).", .any)
    static let reduceL2 = reduction(.reduceL2, "Euclidean norm √(Σx²) over the axes.", .floating)

    static let argmax = indexReduction(.argmax, "Index of the largest element along the axis (a NaN counts as largest, as in NumPy).")
    static let argmin = indexReduction(.argmin, "Index of the smallest element along the axis (a NaN counts as smallest, as in NumPy).")

    private static let keepdims = AttributeSpec("keepdims", .bool, default: .bool(true), "keep each reduced axis with size 1")

    /// x of a type among `accepted`; the listed axes (all when none are listed, unless
    /// noop_with_empty_axes) reduced to 1, or removed without keepdims.
    private static func reduction(_ kind: OpKind, _ summary: String, _ accepted: ElementTypes) -> OpSchema {
        OpSchema(kind, summary, operands: [.required("x")],
                 attributes: [AttributeSpec("axes", .ints, default: .ints([]), "the axes reduced (negative count from the end); [] reduces every axis"),
                              keepdims,
                              AttributeSpec("noop_with_empty_axes", .bool, default: .bool(false),
                                            "with axes = [], return x unchanged instead of reducing every axis")]) { context in
            let x = try context.operand(0, "x")
            try ShapeRules.require(x, "x", accepted)
            let given = try context.ints("axes")
            let isNoop = try context.bool("noop_with_empty_axes")
            if given.isEmpty && isNoop { return [x] }
            let axes = given.isEmpty ? Array(0..<x.rank) : try ShapeRules.normalizeAxes(given, rank: x.rank)
            return [TensorType(x.dtype, try reduced(x.shape, axes: axes, keepingDimensions: context.bool("keepdims")))]
        }
    }

    /// x numeric of rank ≥ 1, non-empty along `axis`; i64 indices with the axis reduced.
    private static func indexReduction(_ kind: OpKind, _ summary: String) -> OpSchema {
        OpSchema(kind, summary, operands: [.required("x")],
                 attributes: [AttributeSpec("axis", .int, default: .int(0), "the axis searched (negative counts from the end)"),
                              keepdims,
                              AttributeSpec("select_last_index", .bool, default: .bool(false),
                                            "on ties, the last index instead of the first")]) { context in
            let x = try context.operand(0, "x")
            try ShapeRules.require(x, "x", .numeric)
            let axis = try ShapeRules.normalizeAxis(context.int("axis"), rank: x.rank)
            if x.shape[axis] == .fixed(0) {
                throw Diagnostic("\(kind) needs at least one element along axis \(axis), but x \(x) has none")
            }
            return [TensorType(.i64, try reduced(x.shape, axes: [axis], keepingDimensions: context.bool("keepdims")))]
        }
    }

    /// `shape` with `axes` set to 1 (`keepingDimensions`) or removed.
    private static func reduced(_ shape: Shape, axes: [Int], keepingDimensions: Bool) -> Shape {
        Shape(shape.dimensions.indices.compactMap { axis in
            guard axes.contains(axis) else { return shape[axis] }
            return keepingDimensions ? .fixed(1) : nil
        })
    }
}
