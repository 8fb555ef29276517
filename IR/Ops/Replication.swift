/// expand and tile: x's elements repeated into a larger shape, in any dtype.
enum ReplicationOps {
    static let expand = OpSchema(
        .expand, "x broadcast with shape as in NumPy (a 1 in either stretches to the other's size).",
        operands: [.required("x")],
        attributes: [AttributeSpec("shape", .ints, default: nil, "the shape broadcast with x's (aligned right)")]) { context in
        let x = try context.operand(0, "x")
        let shape = try context.ints("shape")
        guard shape.allSatisfy({ $0 >= 0 }) else { throw Diagnostic("shape values must be non-negative, found \(ShapeRules.text(shape))") }
        try ShapeRules.requireBelowLimit(shape, "shape values")
        return [TensorType(x.dtype, try Broadcasting.shape(x.shape, "x \(x)", Shape(shape), "shape \(ShapeRules.text(shape))"))]
    }

    static let tile = OpSchema(
        .tile, "x repeated along every axis: output size = input size · repeats.",
        operands: [.required("x")],
        attributes: [AttributeSpec("repeats", .ints, default: nil, "how many copies along each axis of x (≥ 0)")]) { context in
        let x = try context.operand(0, "x")
        let repeats = try context.ints("repeats")
        guard repeats.count == x.rank else {
            throw Diagnostic("repeats must have \(x.rank) values (one per axis of x), found \(ShapeRules.text(repeats))")
        }
        guard repeats.allSatisfy({ $0 >= 0 }) else { throw Diagnostic("repeats must be non-negative, found \(ShapeRules.text(repeats))") }
        try ShapeRules.requireBelowLimit(repeats, "repeats")
        let dimensions = try repeats.enumerated().map { axis, count -> Dimension in
            if count == 1 { return x.shape[axis] }
            if count == 0 { return .fixed(0) }
            let size = try ShapeRules.staticSize(x.shape[axis], axis: axis, of: "x", "to tile it")
            try ShapeRules.requireBelowLimit([size], "the sizes of x")
            return .fixed(size * count)
        }
        return [TensorType(x.dtype, Shape(dimensions))]
    }
}
