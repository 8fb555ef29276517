/// max_pool, avg_pool and the global pools over 1 to 3 spatial axes.
enum PoolingOps {
    static let maxPool = OpSchema(
        .maxPool, "Maximum over each (dilated) window of the spatial axes; a second result, if declared, holds the index of each maximum.",
        operands: [.required("x")],
        attributes: [kernel, SpatialAttributes.strides, SpatialAttributes.pads, SpatialAttributes.dilations,
                     SpatialAttributes.ceilMode, SpatialAttributes.autoPad,
                     AttributeSpec("storage_order", .int, default: .int(0),
                                   "how the indices result counts positions in a spatial plane: 0 row-major, 1 column-major")]) { context in
        let storageOrder = try context.int("storage_order")
        guard storageOrder == 0 || storageOrder == 1 else {
            throw Diagnostic("storage_order must be 0 (row-major) or 1 (column-major), found \(storageOrder)")
        }
        guard (1...2).contains(context.resultCount) else {
            throw Diagnostic("max_pool has one result, or two with the indices, found \(context.resultCount)")
        }
        let pooled = try infer(context)
        return context.resultCount == 1 ? [pooled] : [pooled, TensorType(.i64, pooled.shape)]
    }

    static let avgPool = OpSchema(
        .avgPool, "Average over each (dilated) window of the spatial axes.", operands: [.required("x")],
        attributes: [kernel, SpatialAttributes.strides, SpatialAttributes.pads, SpatialAttributes.dilations,
                     SpatialAttributes.ceilMode,
                     AttributeSpec("count_include_pad", .bool, default: .bool(false),
                                   "count padded positions in the divisor"),
                     SpatialAttributes.autoPad]) { [try infer($0)] }

    static let globalAvgPool = OpSchema(
        .globalAvgPool, "Average over all spatial positions: [N, C, 1, ...].", operands: [.required("x")]) { try inferGlobal($0) }

    static let globalMaxPool = OpSchema(
        .globalMaxPool, "Maximum over all spatial positions: [N, C, 1, ...].", operands: [.required("x")]) { try inferGlobal($0) }

    private static let kernel = AttributeSpec("kernel", .ints, default: nil, "window size per spatial axis")

    /// The window of a pool node (for auto_pad resolution and inference); pads must stay below
    /// the kernel extent so that every window sees the input.
    static func window(_ context: InferenceContext) throws -> SpatialWindow {
        let x = try checkedInput(context)
        guard !(try context.ints("kernel")).isEmpty else {
            throw Diagnostic("kernel must have \(x.rank - 2) positive values (one per spatial axis), found []")
        }
        let kernel = try SpatialWindow.positiveList(context, "kernel", count: x.rank - 2)
        let window = try SpatialWindow(context, input: x, kernel: kernel, transposed: false)
        for axis in kernel.indices where max(window.padsBegin[axis], window.padsEnd[axis]) >= window.extent(axis) {
            throw Diagnostic("pads must be smaller than the kernel extent (\(window.extent(axis))) on spatial axis \(axis), found \(ShapeRules.text(window.pads))")
        }
        return window
    }

    /// x: floating [N, C, spatial...] of rank 3 to 5.
    private static func checkedInput(_ context: InferenceContext) throws -> TensorType {
        let x = try context.operand(0, "x")
        try ShapeRules.requireFloating(x, "x")
        try ShapeRules.requireRank(x, "x", 3...5, "N, C and 1 to 3 spatial axes")
        return x
    }

    /// [N, C, out...] with the ONNX pooling size rule.
    private static func infer(_ context: InferenceContext) throws -> TensorType {
        let x = try checkedInput(context)
        let spatial = try window(context).outputSizes(ceilMode: context.bool("ceil_mode"))
        return TensorType(x.dtype, Shape(Array(x.shape.dimensions.prefix(2)) + spatial.map(Dimension.fixed)))
    }

    /// [N, C, 1, ...]: every spatial axis reduced to 1.
    private static func inferGlobal(_ context: InferenceContext) throws -> [TensorType] {
        let x = try checkedInput(context)
        let ones = Array(repeating: Dimension.fixed(1), count: x.rank - 2)
        return [TensorType(x.dtype, Shape(Array(x.shape.dimensions.prefix(2)) + ones))]
    }
}
