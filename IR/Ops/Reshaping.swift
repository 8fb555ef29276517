/// flatten, reshape, transpose, squeeze, unsqueeze: same elements, new shape, in any dtype.
enum ReshapingOps {
    static let flatten = OpSchema(
        .flatten, "Collapses x into a matrix: [product of axes before axis, product of the rest].",
        operands: [.required("x")],
        attributes: [AttributeSpec("axis", .int, default: .int(1), "the first axis of the second factor (0 to rank, negative allowed)")]) { context in
        let x = try checkedInput(context)
        let axis = try ShapeRules.normalizeAxis(context.int("axis"), rank: x.rank, allowingEnd: true)
        let dimensions = x.shape.dimensions
        let rows = try ShapeRules.product(Array(dimensions[..<axis]), of: "x", axes: 0..<axis)
        let columns = try ShapeRules.product(Array(dimensions[axis...]), of: "x", axes: axis..<x.rank)
        return [TensorType(x.dtype, Shape([rows, columns]))]
    }

    static let reshape = OpSchema(
        .reshape, "The same elements in a new shape; 0 copies the input dimension at that position (or is a size 0 with allowzero), one -1 is inferred.",
        operands: [.required("x")],
        attributes: [AttributeSpec("shape", .ints, default: nil, "the new shape; 0 copies the input dimension, one -1 is inferred"),
                     AttributeSpec("allowzero", .bool, default: .bool(false),
                                   "a 0 in shape is a size 0 (an empty axis) rather than a copy of the input dimension")]) { context in
        let x = try checkedInput(context)
        return [TensorType(x.dtype, try reshaped(x, to: context.ints("shape"), allowingZero: context.bool("allowzero")))]
    }

    static let transpose = OpSchema(
        .transpose, "Permutes the axes: output axis i is input axis perm[i].",
        operands: [.required("x")],
        attributes: [AttributeSpec("perm", .ints, default: .ints([]), "the permutation; [] reverses the axes")]) { context in
        let x = try checkedInput(context)
        let given = try context.ints("perm")
        let perm = given.isEmpty ? Array((0..<x.rank).reversed()) : given
        guard perm.sorted() == Array(0..<x.rank) else {
            throw Diagnostic("perm must be a permutation of 0..<\(x.rank) (one entry per axis of x), found \(ShapeRules.text(given))")
        }
        return [TensorType(x.dtype, Shape(perm.map { x.shape[$0] }))]
    }

    static let squeeze = OpSchema(
        .squeeze, "Removes axes of size 1.",
        operands: [.required("x")],
        attributes: [AttributeSpec("axes", .ints, default: .ints([]), "the axes removed; [] removes every axis of static size 1")]) { context in
        let x = try checkedInput(context)
        let given = try context.ints("axes")
        let axes = given.isEmpty ? x.shape.dimensions.indices.filter { x.shape[$0] == .fixed(1) }
                                 : try ShapeRules.normalizeAxes(given, rank: x.rank)
        for axis in axes where x.shape[axis] != .fixed(1) {
            let size = try ShapeRules.staticSize(x.shape[axis], axis: axis, of: "x", "to squeeze it")
            throw Diagnostic("cannot squeeze axis \(axis) of x \(x): its size is \(size), not 1")
        }
        let kept = x.shape.dimensions.indices.filter { !axes.contains($0) }.map { x.shape[$0] }
        return [TensorType(x.dtype, Shape(kept))]
    }

    static let unsqueeze = OpSchema(
        .unsqueeze, "Inserts axes of size 1; axes index the output.",
        operands: [.required("x")],
        attributes: [AttributeSpec("axes", .ints, default: nil, "the positions of the new axes in the output (negative allowed)")]) { context in
        let x = try checkedInput(context)
        let given = try context.ints("axes")
        guard !given.isEmpty else { throw Diagnostic("axes must name at least one axis to insert") }
        let axes = try ShapeRules.normalizeAxes(given, rank: x.rank + given.count)
        var remaining = x.shape.dimensions.makeIterator()
        let dimensions = (0..<(x.rank + given.count)).map { axes.contains($0) ? .fixed(1) : remaining.next() ?? .fixed(1) }
        return [TensorType(x.dtype, Shape(dimensions))]
    }

    /// Operand x, of any dtype.
    private static func checkedInput(_ context: InferenceContext) throws -> TensorType {
        try context.operand(0, "x")
    }

    /// The shape `x` takes under reshape's `shape` attribute. Named dimensions are tracked as
    /// symbols: one copied with 0 passes through, and -1 may stand for a single leftover one.
    /// With `allowingZero` a 0 is a size 0, and -1 cannot be inferred next to it.
    private static func reshaped(_ x: TensorType, to shape: [Int], allowingZero: Bool) throws -> Shape {
        let written = ShapeRules.text(shape)
        guard shape.filter({ $0 == -1 }).count <= 1 else { throw Diagnostic("shape \(written) may contain -1 only once") }
        try ShapeRules.requireBelowLimit(shape, "shape values")
        var dimensions: [Dimension] = []
        for (position, value) in shape.enumerated() {
            switch value {
            case 0 where allowingZero:
                guard !shape.contains(-1) else {
                    throw Diagnostic("shape \(written) cannot infer -1 next to a size 0 (allowzero)")
                }
                dimensions.append(.fixed(0))
            case 0:
                guard position < x.rank else {
                    throw Diagnostic("shape value 0 at position \(position) copies an input dimension, but x \(x) has rank \(x.rank)")
                }
                dimensions.append(x.shape[position])
            case -1: dimensions.append(.fixed(1))
            case 1...: dimensions.append(.fixed(value))
            default:
                throw Diagnostic("shape value \(value) at position \(position) is invalid (sizes are positive, 0 copies the input dimension or with allowzero is a size 0, -1 is inferred)")
            }
        }
        let input = try ElementCount(x.shape)
        let known = try ElementCount(Shape(dimensions))
        var leftover = input.symbols
        for symbol in known.symbols { if let index = leftover.firstIndex(of: symbol) { leftover.remove(at: index) } }
        guard let inferred = shape.firstIndex(of: -1) else {
            guard leftover.isEmpty && input.fixed == known.fixed else {
                throw Diagnostic("cannot reshape x \(x) (\(input) elements) to \(written) (\(known) elements)")
            }
            return Shape(dimensions)
        }
        if leftover.isEmpty, known.fixed > 0, input.fixed % known.fixed == 0 {
            dimensions[inferred] = .fixed(input.fixed / known.fixed)
        } else if leftover.count == 1, input.fixed == known.fixed {
            dimensions[inferred] = .named(leftover[0])
        } else if !leftover.isEmpty {
            throw Diagnostic("cannot infer -1 in shape \(written) from x \(x): named dimension \(leftover[0]) must be static or copied with 0; bind it with --set \(leftover[0])=…")
        } else {
            throw Diagnostic("cannot reshape x \(x) (\(input) elements) to \(written): \(input.fixed) is not divisible by \(known.fixed)")
        }
        return Shape(dimensions)
    }
}

/// The number of elements of a shape as a static product times named dimensions.
private struct ElementCount: CustomStringConvertible {
    /// The product of the static dimensions.
    var fixed = 1
    /// The named dimensions, with repetition.
    var symbols: [String] = []

    init(_ shape: Shape) throws {
        for dimension in shape.dimensions {
            switch dimension {
            case .fixed(let size):
                let (product, overflow) = fixed.multipliedReportingOverflow(by: size)
                guard !overflow else { throw Diagnostic("the element count of \(shape) overflows") }
                fixed = product
            case .named(let symbol): symbols.append(symbol)
            }
        }
    }

    var description: String {
        (fixed == 1 && !symbols.isEmpty ? symbols : [String(fixed)] + symbols).joined(separator: "·")
    }
}
