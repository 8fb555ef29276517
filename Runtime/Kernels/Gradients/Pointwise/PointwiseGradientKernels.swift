import CNNIR

/// Fast f32 kernels for training: batch_norm_train, the normalization gradients
/// (batch_norm_grad, instance_norm_grad), activation_grad, the classification loss gradients
/// (softmax_cross_entropy_grad, hinge_grad; labels i64) and dropout in training (the optional
/// step i64). dropout at inference is left to the element-wise family (a copy).
public struct PointwiseGradientKernels: KernelFamily {
    /// The ops this family has a kernel for (f32; dropout only with training = true).
    public static let operations: Set<OpKind> = [
        .batchNormTrain, .batchNormGrad, .instanceNormGrad, .activationGrad, .softmaxCrossEntropyGrad, .hingeGrad, .dropout,
    ]

    /// Creates the family.
    public init() {}

    /// The kernel for one of `operations` with f32 operands (i64 labels and step); `nil` for
    /// other nodes. Throws a diagnostic at the node when its shapes and attributes do not fit together.
    public func makeKernel(for request: KernelRequest) throws -> Kernel? {
        switch request.node.op {
        case .batchNormTrain, .batchNormGrad, .instanceNormGrad: return try normalization(request)
        case .activationGrad: return try activation(request)
        case .softmaxCrossEntropyGrad, .hingeGrad: return try classificationLoss(request)
        case .dropout: return try dropout(request)
        default: return nil
        }
    }

    /// batch_norm_train, batch_norm_grad or instance_norm_grad.
    private func normalization(_ request: KernelRequest) throws -> Kernel? {
        let op = request.node.op
        guard let shapes = try GradientShapes(request), let input = shapes.operands.first else { return nil }
        guard input.count >= (op == .instanceNormGrad ? 3 : 2) else {
            throw request.error("x must be [N, C, ...], found \(input)")
        }
        let planes = ChannelPlanes(batch: input[0], channels: input[1], planeSize: elementCount(Array(input[2...])))
        let channel = [planes.channels]
        switch op {
        case .batchNormTrain:
            try shapes.require(request, operands: [input] + Array(repeating: channel, count: 4),
                               results: [input] + Array(repeating: channel, count: 4))
            let count = planes.batch * planes.planeSize
            guard count >= 2 else { throw request.error("batch_norm_train needs at least 2 values per channel, found \(count)") }
            return BatchNormTrainKernel(planes: planes, epsilon: try request.doubleAttribute("epsilon"),
                                        momentum: try request.doubleAttribute("momentum"))
        case .batchNormGrad:
            try shapes.require(request, operands: [input, channel, channel, channel, input], results: [input, channel, channel])
            return BatchNormGradientKernel(planes: planes)
        default:
            try shapes.require(request, operands: [input, channel, input], results: [input, channel, channel])
            return InstanceNormGradientKernel(planes: planes, epsilon: try request.doubleAttribute("epsilon"))
        }
    }

    /// activation_grad.
    private func activation(_ request: KernelRequest) throws -> Kernel? {
        guard let shapes = try GradientShapes(request), let input = shapes.operands.first else { return nil }
        try shapes.require(request, operands: [input, input], results: [input])
        let activation = try request.choiceAttribute("activation", as: DifferentiableActivation.self)
        return ActivationGradientKernel(name: "activation-grad:" + activation.rawValue, count: elementCount(input), activation: activation,
                                        alpha: Float(try request.doubleAttribute("alpha")), beta: Float(try request.doubleAttribute("beta")))
    }

    /// softmax_cross_entropy_grad or hinge_grad.
    private func classificationLoss(_ request: KernelRequest) throws -> Kernel? {
        guard let shapes = try GradientShapes(request, integerOperands: [1]), let scores = shapes.operands.first else { return nil }
        guard scores.count == 2 else { throw request.error("the scores must be [N, C], found \(scores)") }
        let (samples, classes) = (scores[0], scores[1])
        let reduction = try request.choiceAttribute("reduction", as: Reduction.self)
        let dloss = reduction == .none ? [samples] : []
        let isWeighted = shapes.operands.count == 4
        try shapes.require(request, operands: [scores, [samples]] + (isWeighted ? [[classes]] : []) + [dloss], results: [scores])
        let scale = LossGradientScale(reduction: reduction)
        if request.node.op == .hingeGrad {
            return HingeGradientKernel(samples: samples, classes: classes, margin: Float(try request.doubleAttribute("margin")), scale: scale)
        }
        return SoftmaxCrossEntropyGradientKernel(samples: samples, classes: classes, isWeighted: isWeighted,
                                                 smoothing: try request.doubleAttribute("label_smoothing"), scale: scale)
    }

    /// dropout with training = true.
    private func dropout(_ request: KernelRequest) throws -> Kernel? {
        guard try request.boolAttribute("training"), let shapes = try GradientShapes(request, integerOperands: [1]),
              let input = shapes.operands.first else { return nil }
        try shapes.require(request, operands: [input] + (shapes.operands.count > 1 ? [[]] : []), results: [input, input])
        let ratio = try request.doubleAttribute("ratio")
        guard ratio >= 0 && ratio < 1 else { throw request.error("ratio must be in [0, 1), found \(ratio)") }
        return DropoutTrainingKernel(count: elementCount(input), seed: try request.intAttribute("seed"), ratio: ratio)
    }
}
