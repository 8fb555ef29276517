/// batch_norm at inference as a per-channel affine map `y = x·a[c] + b[c]` over each
/// contiguous `[n, c]` plane. The coefficients are computed once at preparation when the four
/// parameters are constant, otherwise at the start of each run into the workspace.
struct BatchNormKernel: Kernel {
    let name = "bn-affine"
    /// The planes normalized.
    let planes: ChannelPlanes
    /// The variance offset.
    let epsilon: Double
    /// `a` then `b` for every channel, when the parameters were constant at preparation.
    let preparedCoefficients: PreparedTable<Float>?

    var workspaceBytes: Int { preparedCoefficients == nil ? WorkspaceSize.bytes(forFloats: 2 * planes.channels) : 0 }

    /// Applies every channel's affine map, computing the coefficients first when they were not prepared.
    func run(_ buffers: KernelBuffers, context: KernelContext) {
        let channels = planes.channels, planeSize = planes.planeSize
        let coefficients: UnsafePointer<Float>
        if let preparedCoefficients {
            coefficients = preparedCoefficients.elements
        } else {
            guard let workspace = buffers.floatWorkspace else { return }
            ChannelAffine.compute(scale: buffers.floatInput(1), bias: buffers.floatInput(2), mean: buffers.floatInput(3),
                                  variance: buffers.floatInput(4), epsilon: epsilon, channels: channels, into: workspace)
            coefficients = UnsafePointer(workspace)
        }
        let x = buffers.floatInput(0), y = buffers.floatOutput(0)
        planes.forEach { offset, channel in
            let affine = AffineTransform(scale: coefficients[channel], shift: coefficients[channels + channel])
            applyTransform(affine, x + offset, y + offset, count: planeSize)
        }
    }
}
