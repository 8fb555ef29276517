/// A depthwise 2-D convolution: each input channel is convolved with its own `depthMultiplier`
/// filters (a `Conv2D` with groups = C and C·depthMultiplier filters; same parameter names).
public struct DepthwiseConv2D: Layer {
    /// The kernel size.
    public var kernel: Size2D
    /// The step between windows.
    public var stride: Size2D
    /// How the input is padded; `same` is resolved to explicit pads.
    public var padding: Padding
    /// The spacing of kernel taps.
    public var dilation: Size2D
    /// Output channels per input channel.
    public var depthMultiplier: Int
    /// Whether the convolution has a bias.
    public var useBias: Bool
    /// The activation applied after the convolution.
    public var activation: Activation

    /// Creates a depthwise convolution layer.
    public init(kernel: Size2D, stride: Size2D = 1, padding: Padding = .valid, dilation: Size2D = 1,
                depthMultiplier: Int = 1, useBias: Bool = true, activation: Activation = .none) {
        self.kernel = kernel
        self.stride = stride
        self.padding = padding
        self.dilation = dilation
        self.depthMultiplier = depthMultiplier
        self.useBias = useBias
        self.activation = activation
    }

    public var kind: String { "depthwise" }

    /// Adds the grouped `conv` node called `name` with its parameters and activation.
    public func apply(_ x: GraphValue, in b: GraphBuilder, name: String) throws -> GraphValue {
        let channels = try channelCount(of: x, name: name, ranks: 4...4)
        guard depthMultiplier > 0 else {
            throw error("depthMultiplier must be positive, found \(depthMultiplier)", name: name)
        }
        let convolution = Conv2D(filters: channels * depthMultiplier, kernel: kernel, stride: stride, padding: padding,
                                 dilation: dilation, groups: channels, useBias: useBias, activation: activation)
        return try convolution.apply(x, in: b, name: name)
    }
}
