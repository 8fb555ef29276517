/// The ResNet basic block (ResNet-18/34), with torchvision's names: `conv1` (3×3, stride),
/// `bn1`, `relu1`, `conv2` (3×3), `bn2`, the projection shortcut `downsample.0` (1×1, stride)
/// and `downsample.1` (batch_norm) when the stride or the channel count changes, then `add` and
/// `relu`.
public struct ResidualBlock: Layer {
    /// The number of output channels.
    public var filters: Int
    /// The stride of the first convolution and of the shortcut.
    public var stride: Int

    /// Creates a basic block.
    public init(filters: Int, stride: Int = 1) {
        self.filters = filters
        self.stride = stride
    }

    public var kind: String { "block" }

    /// Adds the block.
    public func apply(_ x: GraphValue, in b: GraphBuilder, name: String) throws -> GraphValue {
        let channels = try channelCount(of: x, name: name, ranks: 4...4)
        let body = Sequential(named: [
            ("conv1", Conv2D(filters: filters, kernel: 3, stride: Size2D(stride, stride), padding: .symmetric(1), useBias: false)),
            ("bn1", BatchNorm()),
            ("relu1", Activation.relu),
            ("conv2", Conv2D(filters: filters, kernel: 3, padding: .symmetric(1), useBias: false)),
            ("bn2", BatchNorm()),
        ])
        let shortcut = Self.projection(from: channels, to: filters, stride: stride)
        return try Residual(body: body, shortcut: shortcut, activation: .relu).apply(x, in: b, name: name)
    }

    /// The ResNet projection shortcut `downsample.0` (1×1 conv, no bias) and `downsample.1`
    /// (batch_norm), needed when the stride or the channel count changes; `nil` otherwise.
    static func projection(from channels: Int, to filters: Int, stride: Int) -> (any Layer)? {
        guard stride != 1 || channels != filters else { return nil }
        let layers: [any Layer] = [
            Conv2D(filters: filters, kernel: 1, stride: Size2D(stride, stride), useBias: false),
            BatchNorm(),
        ]
        return Sequential(named: [("downsample", Sequential(numbered: layers))])
    }
}
