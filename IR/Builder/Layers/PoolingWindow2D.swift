/// The window of a 2-D pooling layer as the pool ops take it: the kernel, the strides (the
/// kernel size when the layer gives none) and the pads, each `[]` where it is the op's default.
struct PoolingWindow2D {
    /// The window size, [height, width].
    let kernel: [Int]
    /// The step between windows (`[]` for 1 on both axes).
    let strides: [Int]
    /// The pads in IR order (`[]` for none).
    let pads: [Int]

    /// Checks the sizes of the pooling layer `layer` called `name` and resolves its padding for
    /// the input `x`; throws a diagnostic from `layer` for sizes that are not two positive values
    /// or `same` padding of an input without static H and W.
    init<L: Layer>(kernel: Size2D, stride: Size2D?, padding: Padding, for x: GraphValue, layer: L, name: String) throws {
        let kernelSizes = try kernel.checked("kernel", of: layer, name: name)
        let strideSizes = try (stride ?? kernel).checked("stride", of: layer, name: name)
        self.kernel = kernelSizes
        strides = omittingNeutral(strideSizes, 1)
        pads = try padding.pads(for: x, kernel: kernelSizes, strides: strideSizes, dilations: [1, 1], layer: layer, name: name)
    }
}
