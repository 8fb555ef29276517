import CNNIR

extension Lowerings {
    /// ReduceMean, ReduceSum, ReduceMax, ReduceMin, ReduceL2, ArgMax and ArgMin.
    static let reductions: [String: Lowering] = [
        "ReduceSum": reduce(.reduceSum, axesInputFrom: 13),
        "ReduceMean": reduce(.reduceMean, axesInputFrom: 18),
        "ReduceMax": reduce(.reduceMax, axesInputFrom: 18),
        "ReduceMin": reduce(.reduceMin, axesInputFrom: 18),
        "ReduceL2": reduce(.reduceL2, axesInputFrom: 18),
        "ArgMax": argument(.argmax),
        "ArgMin": argument(.argmin),
    ]

    /// A reduction: axes from the attribute before opset `version` and from the second input
    /// since; keepdims and noop_with_empty_axes as given. `before` and `after` wrap it in
    /// element-wise ops (ReduceL1 is reduce_sum of abs).
    static func reduce(_ irOp: OpKind, axesInputFrom version: Int,
                       before: @escaping @Sendable (NodeLowering, ImportedValue) throws -> ImportedValue = { $1 },
                       after: @escaping @Sendable (NodeLowering, ImportedValue) throws -> ImportedValue = { $1 }) -> Lowering {
        { lowering in
            var attributes: Attributes = [
                "keepdims": .bool(try lowering.int("keepdims", default: 1) != 0),
                "noop_with_empty_axes": .bool(try lowering.int("noop_with_empty_axes", default: 0) != 0),
            ]
            if let axes = try axesOperand(lowering, inputFrom: version) { attributes["axes"] = .ints(axes) }
            let reduced = try lowering.emit1(irOp, [try before(lowering, try lowering.input(0))], attributes)
            return [try after(lowering, reduced)]
        }
    }

    /// ArgMax or ArgMin.
    private static func argument(_ irOp: OpKind) -> Lowering {
        unary(irOp) { lowering in
            [
                "axis": .int(try lowering.int("axis", default: 0)),
                "keepdims": .bool(try lowering.int("keepdims", default: 1) != 0),
                "select_last_index": .bool(try lowering.int("select_last_index", default: 0) != 0),
            ]
        }
    }
}
