/// 2-D average pooling over [N, C, H, W]; the stride defaults to the kernel size.
public struct AvgPool2D: Layer {
    /// The window size.
    public var kernel: Size2D
    /// The step between windows; `nil` means the kernel size.
    public var stride: Size2D?
    /// How the input is padded; `same` is resolved to explicit pads.
    public var padding: Padding
    /// Whether the output size is rounded up.
    public var ceilMode: Bool
    /// Whether padded cells count in the divisor.
    public var countIncludePad: Bool

    /// Creates an average pooling layer.
    public init(kernel: Size2D = 2, stride: Size2D? = nil, padding: Padding = .valid, ceilMode: Bool = false,
                countIncludePad: Bool = false) {
        self.kernel = kernel
        self.stride = stride
        self.padding = padding
        self.ceilMode = ceilMode
        self.countIncludePad = countIncludePad
    }

    public var kind: String { "avgpool" }

    /// Adds the `avg_pool` node called `name`.
    public func apply(_ x: GraphValue, in b: GraphBuilder, name: String) throws -> GraphValue {
        let window = try PoolingWindow2D(kernel: kernel, stride: stride, padding: padding, for: x, layer: self, name: name)
        return try b.avgPool(x, kernel: window.kernel, strides: window.strides, pads: window.pads,
                             ceilMode: ceilMode, countIncludePad: countIncludePad, name: name)
    }
}
