/// concat and pad: ops that copy elements into a new shape, in any dtype.
enum DataMovementOps {
    static let concat = OpSchema(
        .concat, "Joins the inputs along one axis; every other axis must match.",
        operands: [.variadic("inputs")],
        attributes: [AttributeSpec("axis", .int, default: nil, "the axis joined along (negative counts from the end)")]) { context in
        let first = try context.operand(0, "inputs")
        let axis = try ShapeRules.normalizeAxis(context.int("axis"), rank: first.rank)
        var total = first.shape[axis]
        for (index, input) in context.operands.enumerated().dropFirst() {
            try ShapeRules.requireDType(input, "input \(index)", like: first, "input 0")
            guard input.rank == first.rank else {
                throw Diagnostic("input \(index) \(input) must have rank \(first.rank) like input 0 \(first)")
            }
            for other in 0..<first.rank where other != axis {
                try ShapeRules.requireEqual(input.shape[other], first.shape[other],
                                            "input \(index) \(input) must match input 0 \(first) on every axis but \(axis); axis \(other) differs")
            }
            total = try sum(total, input.shape[axis], axis: axis, index: index)
        }
        var shape = first.shape
        shape[axis] = total
        return [TensorType(first.dtype, shape)]
    }

    static let pad = OpSchema(
        .pad, "Pads every axis with a constant, or by reflecting or repeating the edge.",
        operands: [.required("x")],
        attributes: [AttributeSpec("pads", .ints, default: nil, "[begin per axis..., end per axis...] over all axes of x"),
                     AttributeSpec("mode", .string, default: .string("constant"), "constant, reflect or edge"),
                     AttributeSpec("value", .float, default: .float(0),
                                   "the fill value of constant mode (on i64 truncated toward zero, on bool true unless 0)")]) { context in
        let x = try context.operand(0, "x")
        let mode = try context.choice("mode", as: PadMode.self)
        let pads = try context.ints("pads")
        guard pads.count == 2 * x.rank else {
            throw Diagnostic("pads must have \(2 * x.rank) values (begin per axis of x, then end per axis), found \(ShapeRules.text(pads))")
        }
        guard pads.allSatisfy({ $0 >= 0 }) else { throw Diagnostic("pads must be non-negative, found \(ShapeRules.text(pads))") }
        try ShapeRules.requireBelowLimit(pads, "pads")
        let dimensions = try x.shape.dimensions.indices.map { axis -> Dimension in
            let (begin, end) = (pads[axis], pads[x.rank + axis])
            if begin == 0 && end == 0 { return x.shape[axis] }
            let size = try ShapeRules.staticSize(x.shape[axis], axis: axis, of: "x", "to pad it")
            try ShapeRules.requireBelowLimit([size], "padded sizes of x")
            if mode == .reflect && max(begin, end) >= size {
                throw Diagnostic("reflect pads must be smaller than the axis size: axis \(axis) has size \(size), pads \(begin)+\(end)")
            }
            if mode == .edge && size == 0 {
                throw Diagnostic("edge padding needs a non-empty axis: axis \(axis) has size 0")
            }
            return .fixed(size + begin + end)
        }
        return [TensorType(x.dtype, Shape(dimensions))]
    }

    /// `total + next` along the concat axis; named sizes cannot be added.
    private static func sum(_ total: Dimension, _ next: Dimension, axis: Int, index: Int) throws -> Dimension {
        guard case .fixed(let left) = total else {
            throw Diagnostic("the concat axis \(axis) has named size \(total); it must be static to add sizes; bind it with --set \(total)=…")
        }
        let right = try ShapeRules.staticSize(next, axis: axis, of: "input \(index)", "to add sizes along the concat axis")
        let (result, overflow) = left.addingReportingOverflow(right)
        guard !overflow else { throw Diagnostic("the concat axis size overflows") }
        return .fixed(result)
    }
}
