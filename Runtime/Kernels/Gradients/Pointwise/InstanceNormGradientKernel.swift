/// instance_norm_grad: for each `[n, c]` plane, its mean and biased variance
/// (`LaneSums.statistics`), Σ dy and Σ dy·(x − mean) in one pass, and dx in another (the
/// `GradientAffineMap` of batch_norm_grad over the plane); dscale[c] and dbias[c] add the planes'
/// `inverse_std·Σ dy·(x − mean)` and `Σ dy` in the order n = 0, 1, …. Channels are shared out
/// over the worker pool, each (all its planes) computed by one thread.
struct InstanceNormGradientKernel: Kernel {
    let name = "instance-norm-grad"
    /// The planes of x and dy.
    let planes: ChannelPlanes
    /// The variance offset.
    let epsilon: Double

    var workspaceBytes: Int { 0 }

    func run(_ buffers: KernelBuffers, context: KernelContext) {
        let parts = WorkSplit.parts(items: planes.channels, workPerItem: 4 * planes.batch * planes.planeSize,
                                    threadCount: context.threadCount)
        WorkSplit.run(items: planes.channels, parts: parts) { channels in
            for channel in channels { differentiate(channel: channel, buffers) }
        }
    }

    /// The gradients of one channel's planes.
    private func differentiate(channel: Int, _ buffers: KernelBuffers) {
        let planeSize = planes.planeSize
        let x = buffers.floatInput(0), dy = buffers.floatInput(2), dx = buffers.floatOutput(0)
        let scale = Double(buffers.floatInput(1)[channel]), count = Double(planeSize)
        var totals = (scale: 0.0, bias: 0.0)
        for image in 0..<planes.batch {
            let offset = (image * planes.channels + channel) * planeSize
            let (mean, variance) = LaneSums.statistics(x + offset, planes: 1, planeSize: planeSize) { _ in 0 }
            let inverseStd = 1 / (variance + epsilon).squareRoot()
            let center = Float(mean)
            let sums = LaneSums.gradientSums(x: x + offset, dy: dy + offset, count: planeSize, center: center)
            // Σ dy·(x − mean) from the sums around the f32 center m̃: + (m̃ − mean)·Σ dy.
            let shift = Double(center) - mean
            let weighted = sums.weighted + shift * sums.gradient
            let gain = scale * inverseStd
            let deviationFactor = -gain * inverseStd * inverseStd * weighted / count
            let map = GradientAffineMap(center: center, gradientFactor: Float(gain), deviationFactor: Float(deviationFactor),
                                        constant: Float(-gain * sums.gradient / count + deviationFactor * shift))
            map.apply(x: x + offset, dy: dy + offset, dx: dx + offset, count: planeSize)
            totals = (totals.scale + inverseStd * weighted, totals.bias + sums.gradient)
        }
        buffers.floatOutput(1)[channel] = Float(totals.scale)
        buffers.floatOutput(2)[channel] = Float(totals.bias)
    }
}
