/// Convolution without bias, batch normalization, activation: PyTorch's `Conv2dNormActivation`,
/// with its names `name.0` (conv), `name.1` (batch_norm), `name.2` (activation) and its padding
/// (kernel − 1) / 2, which keeps the size at stride 1 for odd kernels.
public struct ConvNormActivation: Layer {
    /// The number of output channels.
    public var filters: Int
    /// The square kernel size.
    public var kernel: Int
    /// The stride on both spatial axes.
    public var stride: Int
    /// The number of channel groups (the channel count for a depthwise convolution).
    public var groups: Int
    /// The activation after the normalization (`none` leaves it out).
    public var activation: Activation

    /// Creates the block.
    public init(filters: Int, kernel: Int = 3, stride: Int = 1, groups: Int = 1, activation: Activation = .relu) {
        self.filters = filters
        self.kernel = kernel
        self.stride = stride
        self.groups = groups
        self.activation = activation
    }

    public var kind: String { "conv_bn" }

    /// Adds the convolution, the normalization and the activation.
    public func apply(_ x: GraphValue, in b: GraphBuilder, name: String) throws -> GraphValue {
        let convolution = Conv2D(filters: filters, kernel: Size2D(kernel, kernel), stride: Size2D(stride, stride),
                                 padding: .symmetric((kernel - 1) / 2), groups: groups, useBias: false)
        let layers: [any Layer] = [convolution, BatchNorm()] + (activation == .none ? [] : [activation])
        return try Sequential(numbered: layers).apply(x, in: b, name: name)
    }
}
