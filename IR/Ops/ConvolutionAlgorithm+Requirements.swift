/// The shape of a conv as the kernels see it, for deciding which algorithms can run it.
public struct ConvolutionShape: Sendable, Hashable {
    /// The number of spatial axes (1 to 3).
    public var spatialRank: Int
    /// Kernel size, stride, dilation and padding before and after, per spatial axis.
    public var kernel: [Int], strides: [Int], dilations: [Int], padsBegin: [Int], padsEnd: [Int]
    /// The number of channel groups.
    public var groups: Int
    /// C_in and C_out.
    public var inputChannels: Int, outputChannels: Int

    /// Creates a shape.
    public init(spatialRank: Int, kernel: [Int], strides: [Int], dilations: [Int], padsBegin: [Int], padsEnd: [Int],
                groups: Int, inputChannels: Int, outputChannels: Int) {
        self.spatialRank = spatialRank
        self.kernel = kernel
        self.strides = strides
        self.dilations = dilations
        self.padsBegin = padsBegin
        self.padsEnd = padsEnd
        self.groups = groups
        self.inputChannels = inputChannels
        self.outputChannels = outputChannels
    }

    /// Kernel 1, stride 1 and no padding on every axis: the input is the column matrix.
    public var isPointwise: Bool {
        kernel.allSatisfy { $0 == 1 } && strides.allSatisfy { $0 == 1 }
            && padsBegin.allSatisfy { $0 == 0 } && padsEnd.allSatisfy { $0 == 0 }
    }

    /// A 2-D conv with one input and one output channel per group.
    public var isDepthwise2D: Bool {
        spatialRank == 2 && groups == inputChannels && groups == outputChannels
    }

    /// A 2-D conv with a 3x3 kernel, stride 1, dilation 1 and one group (Winograd's case).
    public var isWinogradShaped: Bool {
        spatialRank == 2 && groups == 1 && kernel == [3, 3]
            && strides.allSatisfy { $0 == 1 } && dilations.allSatisfy { $0 == 1 }
    }
}

extension ConvolutionAlgorithm {
    /// What a conv of `shape` lacks for this algorithm to run it, or `nil` when it can.
    public func requirementUnmet(by shape: ConvolutionShape) -> String? {
        switch self {
        case .auto, .direct, .im2col: return nil
        case .gemm1x1:
            return shape.isPointwise ? nil : "it needs kernel 1, stride 1 and no padding on every axis"
        case .depthwise:
            return shape.isDepthwise2D ? nil : "it needs a 2-D conv with groups = C_in = C_out"
        case .winograd2x2, .winograd4x4:
            return shape.isWinogradShaped ? nil : "it needs a 2-D conv with a 3x3 kernel, stride 1, dilation 1 and groups 1"
        }
    }
}

extension ConvolutionShape {
    /// The shape of a conv or fused_conv `node` whose operands have `operandTypes` (static x
    /// and weight), with `auto_pad` resolved. Throws a `Diagnostic` when the node is not a valid
    /// conv.
    public init(convolution node: Node, operandTypes: [TensorType]) throws {
        guard node.op == .conv || node.op == .fusedConv, operandTypes.count >= 2 else {
            throw Diagnostic("\(node.op) is not a conv with x and weight operands")
        }
        let context = InferenceContext(op: node.op, operands: operandTypes, attributes: try node.op.schema.resolve(node.attributes))
        let window = try ConvolutionOps.window(context, transposed: false)
        let x = operandTypes[0], weight = operandTypes[1]
        guard let inputChannels = x.shape.fixedSizes?[1], let outputChannels = weight.shape.fixedSizes?.first else {
            throw Diagnostic("the channel counts of \(x) and \(weight) must be static")
        }
        self.init(spatialRank: window.kernel.count, kernel: window.kernel, strides: window.strides,
                  dilations: window.dilations, padsBegin: window.padsBegin, padsEnd: window.padsEnd,
                  groups: try context.int("groups"), inputChannels: inputChannels, outputChannels: outputChannels)
    }
}
