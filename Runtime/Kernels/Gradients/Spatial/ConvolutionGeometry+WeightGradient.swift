import CNNIR

extension ConvolutionGeometry {
    /// The geometry of the conv whose weight gradient a conv_weight_grad node computes: the
    /// node's x is the conv's input, its result dW has the conv weight's shape and its dy the
    /// conv result's. Throws a diagnostic at the node when they do not describe a valid conv.
    init(weightGradient request: KernelRequest) throws {
        var attributes = request.attributes
        attributes["auto_pad"] = .string(AutoPad.notset.rawValue)
        let convolution = KernelRequest(node: request.node, attributes: attributes,
                                        operandTypes: [request.operandTypes[0], request.resultTypes[0]],
                                        resultTypes: [request.operandTypes[1]])
        try self.init(convolution, transposed: false)
    }

    /// Whether every group has one input and one output channel (groups = C_in = C_out).
    var isDepthwise: Bool { inputChannelsPerGroup == 1 && outputChannelsPerGroup == 1 }
}
