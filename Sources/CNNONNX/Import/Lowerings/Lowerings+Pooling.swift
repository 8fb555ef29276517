import CNNIR

extension Lowerings {
    /// MaxPool (with its Indices output when used), AveragePool, GlobalAveragePool and GlobalMaxPool.
    static let pooling: [String: Lowering] = [
        "MaxPool": { lowering in
            var attributes = try poolAttributes(lowering)
            guard lowering.isOutputUsed(1) else { return [try lowering.emit1(.maxPool, [try lowering.input(0)], attributes)] }
            attributes["storage_order"] = .int(try lowering.int("storage_order", default: 0))
            return try lowering.emit(.maxPool, [try lowering.input(0)], attributes, resultCount: 2)
        },
        "AveragePool": { lowering in
            var attributes = try poolAttributes(lowering)
            attributes["count_include_pad"] = .bool(try lowering.int("count_include_pad", default: 0) != 0)
            return [try lowering.emit1(.avgPool, [try lowering.input(0)], attributes)]
        },
        "GlobalAveragePool": unary(.globalAvgPool),
        "GlobalMaxPool": unary(.globalMaxPool),
    ]

    /// The attributes both pools take: the window's, kernel and ceil_mode.
    private static func poolAttributes(_ lowering: NodeLowering) throws -> Attributes {
        guard let kernel = try lowering.ints("kernel_shape") else { throw lowering.error("attribute 'kernel_shape' is required") }
        var attributes = try windowAttributes(lowering)
        attributes["kernel"] = .ints(kernel)
        attributes["ceil_mode"] = .bool(try lowering.int("ceil_mode", default: 0) != 0)
        return attributes
    }
}
