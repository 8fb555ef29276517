/// The gradients of the spatial ops that the differentiate pass emits: conv's weight gradient,
/// the window pools' input gradients, pad's and resize's input gradients.
///
/// Each takes the forward op's input `x` and `dy`, the gradient of the loss with respect to the
/// forward op's result, with the forward op's attributes (explicit pads: no auto_pad). Shape
/// inference runs the forward op's own rule on x and requires dy to have the type it gives, so
/// the attributes are checked exactly as the forward op checks them.
enum SpatialGradientOps {
    static let convWeightGrad = OpSchema(
        .convWeightGrad,
        "The gradient of conv with respect to its weight: dW[o, i, k] = Σ over images and output positions p of dy[n, o, p] · x[n, g·C_in/groups + i, p·stride − pad_begin + k·dilation] (g the group of o).",
        operands: [.required("x"), .required("dy")],
        attributes: [AttributeSpec("kernel", .ints, default: nil, "the filter's size per spatial axis"),
                     SpatialAttributes.strides, SpatialAttributes.pads, SpatialAttributes.dilations,
                     AttributeSpec("groups", .int, default: .int(1), "number of channel groups, as conv's")]) {
        try inferWeightGradient($0)
    }

    static let maxPoolGrad = OpSchema(
        .maxPoolGrad,
        "The gradient of max_pool with respect to x: each window's dy goes to the first largest element of its window (max_pool's argmax); overlapping windows add up.",
        operands: [.required("x"), .required("dy")],
        attributes: [windowKernel, SpatialAttributes.strides, SpatialAttributes.pads, SpatialAttributes.dilations,
                     SpatialAttributes.ceilMode]) { try inferInputGradient($0, of: .maxPool) }

    static let avgPoolGrad = OpSchema(
        .avgPoolGrad,
        "The gradient of avg_pool with respect to x: each window's dy, divided by avg_pool's divisor, goes to every window tap inside x; overlapping windows add up.",
        operands: [.required("x"), .required("dy")],
        attributes: [windowKernel, SpatialAttributes.strides, SpatialAttributes.pads, SpatialAttributes.dilations,
                     SpatialAttributes.ceilMode,
                     AttributeSpec("count_include_pad", .bool, default: .bool(false), "count padded positions in the divisor")]) {
        try inferInputGradient($0, of: .avgPool)
    }

    static let padGrad = OpSchema(
        .padGrad,
        "The gradient of pad with respect to x: the crop of dy for constant mode; for reflect and edge every position of dy adds to the element of x it copies.",
        operands: [.required("x"), .required("dy")],
        attributes: [AttributeSpec("pads", .ints, default: nil, "[begin per axis..., end per axis...] over all axes of x, as pad's"),
                     AttributeSpec("mode", .string, default: .string("constant"), "constant, reflect or edge")]) {
        try inferInputGradient($0, of: .pad)
    }

    static let resizeGrad = OpSchema(
        .resizeGrad,
        "The gradient of resize with respect to x: every element of dy adds, with the weight resize gives that tap, to each element of x it reads (outputs that extrapolate add nothing).",
        operands: [.required("x"), .required("dy")],
        attributes: ResizeOps.resize.attributes) { try inferInputGradient($0, of: .resize) }

    /// The window size of a pool's gradient.
    private static let windowKernel = AttributeSpec("kernel", .ints, default: nil, "window size per spatial axis")

    /// x and dy of one floating dtype; dy must be `forward`'s result for x, the result is x's type.
    private static func inferInputGradient(_ context: InferenceContext, of forward: OpKind) throws -> [TensorType] {
        let x = try context.operand(0, "x"), dy = try context.operand(1, "dy")
        try ShapeRules.requireFloating(x, "x")
        try ShapeRules.requireDType(dy, "dy", like: x, "x")
        let expected = try forwardResult(of: forward, context, operands: [x])
        try requireGradient(dy, expected, "\(forward)'s result for x")
        return [x]
    }

    /// x `[N, C_in, s...]` and dy `[N, C_out, o...]` → `[C_out, C_in/groups, kernel...]`, where
    /// dy must be conv's result for x and a weight of that type.
    private static func inferWeightGradient(_ context: InferenceContext) throws -> [TensorType] {
        let x = try context.operand(0, "x"), dy = try context.operand(1, "dy")
        try ShapeRules.requireFloating(x, "x")
        try ShapeRules.requireRank(x, "x", 3...5, "N, C_in and 1 to 3 spatial axes")
        try ShapeRules.requireDType(dy, "dy", like: x, "x")
        guard dy.rank == x.rank else {
            throw Diagnostic("dy must have rank \(x.rank) like x (N, C_out and the conv's output sizes), found \(dy)")
        }
        guard !(try context.ints("kernel")).isEmpty else {
            throw Diagnostic("kernel must have \(x.rank - 2) positive values (one per spatial axis), found []")
        }
        let kernel = try SpatialWindow.positiveList(context, "kernel", count: x.rank - 2)
        let groups = try context.int("groups")
        guard groups > 0 else { throw Diagnostic("groups must be positive, found \(groups)") }
        try ShapeRules.requireBelowLimit([groups], "groups")
        let inputChannels = try ShapeRules.staticSize(x.shape[1], axis: 1, of: "x", "to give the weight gradient's shape")
        let outputChannels = try ShapeRules.staticSize(dy.shape[1], axis: 1, of: "dy", "to give the weight gradient's shape")
        guard outputChannels > 0 else { throw Diagnostic("dy must have at least one channel (axis 1), found \(dy)") }
        guard inputChannels % groups == 0 else {
            throw Diagnostic("groups (\(groups)) must divide input channels (\(inputChannels), axis 1 of x)")
        }
        guard outputChannels % groups == 0 else {
            throw Diagnostic("groups (\(groups)) must divide output channels (\(outputChannels), axis 1 of dy)")
        }
        let weight = TensorType(x.dtype, Shape([outputChannels, inputChannels / groups] + kernel))
        let expected = try forwardResult(of: .conv, context, operands: [x, weight])
        try requireGradient(dy, expected, "conv's result for x and a weight of \(weight)")
        return [weight]
    }

    /// The result type of `forward` on `operands`, with this node's attributes where `forward`
    /// has them and `forward`'s defaults elsewhere; the forward rule's diagnostics pass through.
    private static func forwardResult(of forward: OpKind, _ context: InferenceContext, operands: [TensorType]) throws -> TensorType {
        let schema = forward.schema
        var attributes: [String: AttributeValue] = [:]
        for spec in schema.attributes { attributes[spec.name] = context.attributes[spec.name] ?? spec.defaultValue }
        let types = try schema.inferTypes(InferenceContext(op: forward, operands: operands, attributes: attributes))
        guard let result = types.first else { throw Diagnostic("\(forward) gives no result for \(operands)") }
        return result
    }

    /// Throws unless dy has exactly the forward result's type; `what` names that result.
    private static func requireGradient(_ dy: TensorType, _ expected: TensorType, _ what: String) throws {
        guard dy == expected else { throw Diagnostic("dy must be \(expected) (\(what)), found \(dy)") }
    }
}
