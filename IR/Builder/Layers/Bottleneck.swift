/// The ResNet bottleneck block (ResNet-50/101/152, torchvision v1.5: the stride is on the 3×3
/// convolution), with torchvision's names: `conv1` (1×1 to `filters`), `bn1`, `relu1`, `conv2`
/// (3×3, stride), `bn2`, `relu2`, `conv3` (1×1 to `filters`·`expansion`), `bn3`, the projection
/// shortcut `downsample.0`/`.1` when the stride or the channel count changes, `add` and `relu`.
public struct Bottleneck: Layer {
    /// The width of the inner convolutions.
    public var filters: Int
    /// The stride of the 3×3 convolution and of the shortcut.
    public var stride: Int
    /// The output channels per inner channel.
    public var expansion: Int

    /// Creates a bottleneck block; the output has `filters`·`expansion` channels.
    public init(filters: Int, stride: Int = 1, expansion: Int = 4) {
        self.filters = filters
        self.stride = stride
        self.expansion = expansion
    }

    public var kind: String { "block" }

    /// Adds the block.
    public func apply(_ x: GraphValue, in b: GraphBuilder, name: String) throws -> GraphValue {
        let channels = try channelCount(of: x, name: name, ranks: 4...4)
        let outputs = filters * expansion
        let body = Sequential(named: [
            ("conv1", Conv2D(filters: filters, kernel: 1, useBias: false)),
            ("bn1", BatchNorm()),
            ("relu1", Activation.relu),
            ("conv2", Conv2D(filters: filters, kernel: 3, stride: Size2D(stride, stride), padding: .symmetric(1), useBias: false)),
            ("bn2", BatchNorm()),
            ("relu2", Activation.relu),
            ("conv3", Conv2D(filters: outputs, kernel: 1, useBias: false)),
            ("bn3", BatchNorm()),
        ])
        let shortcut = ResidualBlock.projection(from: channels, to: outputs, stride: stride)
        return try Residual(body: body, shortcut: shortcut, activation: .relu).apply(x, in: b, name: name)
    }
}
