/// batch_norm_train (batch normalization with batch statistics, for training) and the gradients
/// of the normalizations: batch_norm_grad and instance_norm_grad.
///
/// x is `[N, C, spatial...]`; the statistics of a channel are taken over N and every spatial
/// axis (batch_norm_train, batch_norm_grad) or over the spatial axes of each sample
/// (instance_norm_grad); `dy` is the gradient of the loss with respect to the forward result y.
enum NormalizationGradientOps {
    static let batchNormTrain = OpSchema(
        .batchNormTrain, "Training batch normalization: x normalized by its batch statistics per channel, and the running statistics updated.",
        operands: [.required("x"), .required("scale"), .required("bias"), .required("running_mean"), .required("running_var")],
        attributes: [NormalizationOps.epsilon, AttributeSpec("momentum", .float, default: .float(0.9),
                                            "weight of the running statistics: next = momentum·running + (1−momentum)·batch")]) { context in
        let momentum = try context.float("momentum")
        guard (0...1).contains(momentum) else { throw Diagnostic("momentum must be in [0, 1], found \(momentum)") }
        let x = try NormalizationOps.perChannel(context, minimumRank: 2)
        if let count = valuesPerChannel(x), count < 2 {
            throw Diagnostic("batch_norm_train needs at least 2 values per channel (N times the spatial size) for the unbiased variance, found \(count) in \(x)")
        }
        let channel = TensorType(x.dtype, Shape([x.shape[1]]))
        return [x, channel, channel, channel, channel]
    }

    static let batchNormGrad = OpSchema(
        .batchNormGrad, "Gradients of batch_norm_train's y with respect to x, scale and bias, from the batch statistics it returned.",
        operands: [.required("x"), .required("scale"), .required("batch_mean"), .required("batch_inverse_std"), .required("dy")]) { context in
        let x = try NormalizationOps.perChannel(context, minimumRank: 2, perChannelOperands: 1...3)
        try ShapeRules.requireType(context.operand(4, "dy"), "dy", x, "the gradient of y, x's type")
        let channel = TensorType(x.dtype, Shape([x.shape[1]]))
        return [x, channel, channel]
    }

    static let instanceNormGrad = OpSchema(
        .instanceNormGrad, "Gradients of instance_norm's result with respect to x, scale and bias (the statistics are recomputed from x).",
        operands: [.required("x"), .required("scale"), .required("dy")], attributes: [NormalizationOps.epsilon]) { context in
        let x = try NormalizationOps.perChannel(context, minimumRank: 3, perChannelOperands: 1...1)
        try ShapeRules.requireType(context.operand(2, "dy"), "dy", x, "the gradient of the result, x's type")
        let channel = TensorType(x.dtype, Shape([x.shape[1]]))
        return [x, channel, channel]
    }

    /// N times the spatial size of x, when every one of those dimensions is static.
    private static func valuesPerChannel(_ x: TensorType) -> Int? {
        let axes = [0] + Array(2..<x.rank)
        let sizes = axes.compactMap { x.shape[$0].fixedValue }
        guard sizes.count == axes.count else { return nil }
        return sizes.reduce(1) { $0.multipliedReportingOverflow(by: $1).overflow ? Int.max : $0 * $1 }
    }
}
