/// batch_norm, instance_norm and lrn: per-channel normalizations of an [N, C, ...] tensor.
enum NormalizationOps {
    static let batchNorm = OpSchema(
        .batchNorm, "Inference batch normalization: scale·(x−mean)/√(variance+epsilon) + bias per channel.",
        operands: [.required("x"), .required("scale"), .required("bias"), .required("mean"), .required("variance")],
        attributes: [epsilon, AttributeSpec("momentum", .float, default: .float(0.9),
                                            "weight of the running statistics when they are updated in training")]) { context in
        let momentum = try context.float("momentum")
        guard (0...1).contains(momentum) else { throw Diagnostic("momentum must be in [0, 1], found \(momentum)") }
        return try inferPerChannel(context, minimumRank: 2)
    }

    static let instanceNorm = OpSchema(
        .instanceNorm, "Normalization over the spatial axes of each sample and channel, then scale and bias per channel.",
        operands: [.required("x"), .required("scale"), .required("bias")], attributes: [epsilon]) {
        try inferPerChannel($0, minimumRank: 3)
    }

    static let lrn = OpSchema(
        .lrn, "Local response normalization across `size` neighbouring channels.",
        operands: [.required("x")],
        attributes: [AttributeSpec("size", .int, default: nil, "number of channels in each normalization window"),
                     AttributeSpec("alpha", .float, default: .float(1e-4), "scale of the sum of squares"),
                     AttributeSpec("beta", .float, default: .float(0.75), "exponent"),
                     AttributeSpec("bias", .float, default: .float(1.0), "added to the scaled sum of squares")]) { context in
        let size = try context.int("size")
        guard size > 0 else { throw Diagnostic("size must be positive, found \(size)") }
        return try inferPerChannel(context, minimumRank: 3)
    }

    /// The epsilon attribute every normalization shares.
    static let epsilon = AttributeSpec("epsilon", .float, default: .float(1e-5), "added to the variance to avoid division by zero")

    /// x's type, for floating x [N, C, ...] of at least `minimumRank`; every operand after x
    /// (scale, bias, mean, variance) is [C] of x's dtype; epsilon, where present, is positive.
    private static func inferPerChannel(_ context: InferenceContext, minimumRank: Int) throws -> [TensorType] {
        [try perChannel(context, minimumRank: minimumRank)]
    }

    /// x: floating, `[N, C, ...]` of at least `minimumRank`; the operands at `perChannelOperands`
    /// (every operand after x by default) are `[C]` of x's dtype; epsilon, where present, is
    /// positive. Returns x's type. The gradient ops of the normalizations share it.
    static func perChannel(_ context: InferenceContext, minimumRank: Int, perChannelOperands: ClosedRange<Int>? = nil) throws -> TensorType {
        let x = try context.operand(0, "x")
        try ShapeRules.requireFloating(x, "x")
        try ShapeRules.requireRank(x, "x", minimumRank...Int.max, minimumRank == 2 ? "N, C, ..." : "N, C and spatial axes")
        if context.has("epsilon") {
            let epsilon = try context.float("epsilon")
            guard epsilon > 0 else { throw Diagnostic("epsilon must be positive, found \(epsilon)") }
        }
        let channel = TensorType(x.dtype, Shape([x.shape[1]]))
        let names = context.op.schema.operands.map(\.name)
        for index in perChannelOperands.map(Array.init) ?? Array(1..<names.count) {
            try ShapeRules.requireType(context.operand(index, names[index]), names[index], channel, "one value per channel of x")
        }
        return x
    }
}
