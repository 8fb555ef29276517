/// conv and conv_transpose over 1 to 3 spatial axes (NCHW layout, ONNX semantics).
enum ConvolutionOps {
    static let conv = OpSchema(
        .conv, "Convolution over 1 to 3 spatial axes with strides, pads, dilations and groups (grouped and depthwise).",
        operands: [.required("x"), .required("weight"), .optional("bias")],
        attributes: sharedAttributes + algorithmAttributes) { try infer($0, transposed: false) }

    static let convTranspose = OpSchema(
        .convTranspose, "Transposed convolution (the gradient of conv with respect to its input), for upsampling.",
        operands: [.required("x"), .required("weight"), .optional("bias")],
        attributes: sharedAttributes + [AttributeSpec("output_padding", .ints, default: .ints([]),
                                                      "extra size added at the end of each spatial axis; [] means 0")]) {
        try infer($0, transposed: true)
    }

    /// The attributes every convolution shares: window, padding and groups.
    static let sharedAttributes = [
        SpatialAttributes.strides, SpatialAttributes.pads, SpatialAttributes.dilations,
        AttributeSpec("groups", .int, default: .int(1), "number of channel groups; groups = C_in = C_out is depthwise"),
        SpatialAttributes.autoPad,
    ]

    /// The kernel-selection annotation of conv and fused_conv (set by the select-kernels pass).
    static let algorithmAttributes = [
        AttributeSpec("algorithm", .string, default: .string("auto"),
                      "the kernel that runs it: auto, im2col, gemm1x1, winograd2x2, winograd4x4, depthwise or direct"),
        AttributeSpec("algorithm_reason", .string, default: .string(""), "why the algorithm was chosen"),
    ]

    /// The window of a conv or conv_transpose node (for auto_pad resolution and inference).
    static func window(_ context: InferenceContext, transposed: Bool) throws -> SpatialWindow {
        let (x, weight) = try checkedOperands(context)
        let kernel = try ShapeRules.staticSizes(weight, axes: 2..<weight.rank, of: "weight", "(weights have static shapes)")
        guard kernel.allSatisfy({ $0 > 0 }) else { throw Diagnostic("weight kernel sizes must be positive, found \(weight)") }
        return try SpatialWindow(context, input: x, kernel: kernel, transposed: transposed)
    }

    /// x: floating [N, C, spatial...] of rank 3 to 5; weight: same dtype and rank.
    private static func checkedOperands(_ context: InferenceContext) throws -> (TensorType, TensorType) {
        let x = try context.operand(0, "x")
        let weight = try context.operand(1, "weight")
        try ShapeRules.requireFloating(x, "x")
        try ShapeRules.requireRank(x, "x", 3...5, "N, C and 1 to 3 spatial axes")
        try ShapeRules.requireDType(weight, "weight", like: x, "x")
        guard weight.rank == x.rank else {
            let layout = context.op == .conv ? "C_out, C_in/groups" : "C_in, C_out/groups"
            throw Diagnostic("weight must have rank \(x.rank) (\(layout) and \(x.rank - 2) kernel sizes), found \(weight)")
        }
        return (x, weight)
    }

    /// [N, C_out, out...]: conv's weight is [C_out, C_in/groups, k...], conv_transpose's is
    /// [C_in, C_out/groups, k...]; bias is [C_out].
    static func infer(_ context: InferenceContext, transposed: Bool) throws -> [TensorType] {
        let (x, weight) = try checkedOperands(context)
        let window = try window(context, transposed: transposed)
        let groups = try context.int("groups")
        guard groups > 0 else { throw Diagnostic("groups must be positive, found \(groups)") }
        try ShapeRules.requireBelowLimit([groups], "groups")
        let inputChannels = try ShapeRules.staticSize(x.shape[1], axis: 1, of: "x", "to check it against the weight")
        let weightSizes = try ShapeRules.staticSizes(weight, axes: 0..<2, of: "weight", "(weights have static shapes)")
        try ShapeRules.requireBelowLimit(weightSizes, "weight channel sizes")
        guard weightSizes.allSatisfy({ $0 > 0 }) else { throw Diagnostic("weight channel sizes must be positive, found \(weight)") }
        guard inputChannels % groups == 0 else {
            throw Diagnostic("groups (\(groups)) must divide input channels (\(inputChannels))")
        }
        let outputChannels: Int
        let expected: [Int]
        let reason: String
        if transposed {
            outputChannels = weightSizes[1] * groups
            expected = [inputChannels, weightSizes[1]] + window.kernel
            reason = "for \(inputChannels) input channels, groups \(groups) and \(outputChannels) output channels"
        } else {
            outputChannels = weightSizes[0]
            guard outputChannels % groups == 0 else {
                throw Diagnostic("groups (\(groups)) must divide output channels (\(outputChannels), weight axis 0)")
            }
            expected = [outputChannels, inputChannels / groups] + window.kernel
            reason = "for \(outputChannels) output channels, groups \(groups) and \(inputChannels) input channels"
        }
        let expectedWeight = TensorType(x.dtype, expected)
        guard weight == expectedWeight else {
            throw Diagnostic("weight must be \(expectedWeight) \(reason), found \(weight)")
        }
        if let bias = context.optionalOperand(2) {
            try ShapeRules.requireType(bias, "bias", TensorType(x.dtype, [outputChannels]), "one value per output channel")
        }
        if !transposed {
            let algorithm = try context.choice("algorithm", as: ConvolutionAlgorithm.self)
            let shape = ConvolutionShape(spatialRank: window.kernel.count, kernel: window.kernel, strides: window.strides,
                                         dilations: window.dilations, padsBegin: window.padsBegin, padsEnd: window.padsEnd,
                                         groups: groups, inputChannels: inputChannels, outputChannels: outputChannels)
            if let unmet = algorithm.requirementUnmet(by: shape) {
                throw Diagnostic("algorithm \(algorithm.rawValue) cannot run this conv: \(unmet)")
            }
        }
        let spatial = transposed ? try window.transposedOutputSizes() : try window.outputSizes(ceilMode: false)
        return [TensorType(x.dtype, Shape([x.shape[0], .fixed(outputChannels)] + spatial.map(Dimension.fixed)))]
    }
}
