/// A 2-D convolution over [N, C, H, W]: weight `name.weight` [filters, C/groups, kh, kw], bias
/// `name.bias` [filters] unless `useBias` is false, then the activation as node `name.<kind>`.
public struct Conv2D: Layer {
    /// The number of output channels.
    public var filters: Int
    /// The kernel size.
    public var kernel: Size2D
    /// The step between windows.
    public var stride: Size2D
    /// How the input is padded; `same` is resolved to explicit pads.
    public var padding: Padding
    /// The spacing of kernel taps.
    public var dilation: Size2D
    /// The number of channel groups (input and output channels must be multiples of it).
    public var groups: Int
    /// Whether the convolution has a bias.
    public var useBias: Bool
    /// The activation applied after the convolution.
    public var activation: Activation

    /// Creates a convolution layer.
    public init(filters: Int, kernel: Size2D, stride: Size2D = 1, padding: Padding = .valid, dilation: Size2D = 1,
                groups: Int = 1, useBias: Bool = true, activation: Activation = .none) {
        self.filters = filters
        self.kernel = kernel
        self.stride = stride
        self.padding = padding
        self.dilation = dilation
        self.groups = groups
        self.useBias = useBias
        self.activation = activation
    }

    public var kind: String { "conv" }

    /// Adds the parameters, the `conv` node called `name` and the activation.
    public func apply(_ x: GraphValue, in b: GraphBuilder, name: String) throws -> GraphValue {
        let channels = try channelCount(of: x, name: name, ranks: 4...4)
        let kernel = try self.kernel.checked("kernel", of: self, name: name)
        let strides = try stride.checked("stride", of: self, name: name)
        let dilations = try dilation.checked("dilation", of: self, name: name)
        guard filters > 0, groups > 0, channels % groups == 0, filters % groups == 0 else {
            throw error("filters (\(filters)) and input channels (\(channels)) must be positive multiples of groups (\(groups))",
                        name: name)
        }
        let pads = try padding.pads(for: x, kernel: kernel, strides: strides, dilations: dilations, layer: self, name: name)
        let weight = try b.parameter(childName(name, "weight"), TensorType(x.dtype, [filters, channels / groups] + kernel))
        let bias = useBias ? try b.parameter(childName(name, "bias"), TensorType(x.dtype, [filters])) : nil
        let y = try b.conv(x, weight: weight, bias: bias, strides: omittingNeutral(strides, 1), pads: pads,
                           dilations: omittingNeutral(dilations, 1), groups: groups, name: name)
        return try activation.follow(y, in: b, layerName: name)
    }
}
