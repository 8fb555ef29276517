import CNNIR

extension Lowerings {
    /// MaxPool, AveragePool, GlobalAveragePool and GlobalMaxPool.
    static let pooling: [String: Lowering] = [
        "MaxPool": { lowering in
            try lowering.requireUnusedOutputs(from: 1, "Indices")
            return [try lowering.emit1(.maxPool, [try lowering.input(0)], try poolAttributes(lowering))]
        },
        "AveragePool": { lowering in
            if let dilations = try lowering.ints("dilations"), dilations.contains(where: { $0 != 1 }) {
                throw UnsupportedFeature(detail: "with dilations \(dilations)")
            }
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
