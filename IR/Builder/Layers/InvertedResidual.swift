/// The MobileNetV2 inverted residual block, with torchvision's names under `name.conv`: the
/// expansion `conv.0` (1×1 to C·`expansion`, batch_norm, relu6; left out when `expansion` is 1),
/// the depthwise 3×3 (stride, batch_norm, relu6), then the projection 1×1 conv and batch_norm.
/// With stride 1 and as many output as input channels, the input is added (`name.add`).
public struct InvertedResidual: Layer {
    /// The number of output channels.
    public var filters: Int
    /// The stride of the depthwise convolution.
    public var stride: Int
    /// The hidden channels per input channel.
    public var expansion: Int

    /// Creates an inverted residual block.
    public init(filters: Int, stride: Int = 1, expansion: Int = 6) {
        self.filters = filters
        self.stride = stride
        self.expansion = expansion
    }

    public var kind: String { "block" }

    /// Adds the block.
    public func apply(_ x: GraphValue, in b: GraphBuilder, name: String) throws -> GraphValue {
        let channels = try channelCount(of: x, name: name, ranks: 4...4)
        guard expansion > 0 else { throw error("expansion must be positive, found \(expansion)", name: name) }
        let hidden = channels * expansion
        let expand: [any Layer] = expansion == 1 ? [] : [ConvNormActivation(filters: hidden, kernel: 1, activation: .relu6)]
        let stages: [any Layer] = expand + [
            ConvNormActivation(filters: hidden, kernel: 3, stride: stride, groups: hidden, activation: .relu6),
            Conv2D(filters: filters, kernel: 1, useBias: false),
            BatchNorm(),
        ]
        let body = Sequential(named: [("conv", Sequential(numbered: stages))])
        guard stride == 1 && channels == filters else { return try body.apply(x, in: b, name: name) }
        return try Residual(body: body).apply(x, in: b, name: name)
    }
}
