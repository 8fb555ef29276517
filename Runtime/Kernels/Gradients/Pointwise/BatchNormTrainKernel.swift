/// batch_norm_train: for each channel, the batch mean and biased variance over its N planes
/// (`LaneSums.statistics`), then `y = (x − mean)·(scale·inverse_std) + bias` plane by plane, and
/// the four per-channel results (running statistics with the unbiased variance, batch mean,
/// inverse deviation) computed in `Double`. Channels are shared out over the worker pool; each
/// is computed whole by one thread, so the results do not depend on the thread count.
struct BatchNormTrainKernel: Kernel {
    let name = "bn-train"
    /// The planes normalized.
    let planes: ChannelPlanes
    /// The variance offset.
    let epsilon: Double
    /// The weight of the running statistics.
    let momentum: Double

    var workspaceBytes: Int { 0 }

    func run(_ buffers: KernelBuffers, context: KernelContext) {
        let parts = WorkSplit.parts(items: planes.channels, workPerItem: 3 * planes.batch * planes.planeSize,
                                    threadCount: context.threadCount)
        WorkSplit.run(items: planes.channels, parts: parts) { channels in
            for channel in channels { normalize(channel: channel, buffers) }
        }
    }

    /// Normalizes one channel and writes its statistics.
    private func normalize(channel: Int, _ buffers: KernelBuffers) {
        let (batch, channels, planeSize) = (planes.batch, planes.channels, planes.planeSize)
        let x = buffers.floatInput(0), y = buffers.floatOutput(0)
        let offset = { (image: Int) in (image * channels + channel) * planeSize }
        let (mean, variance) = LaneSums.statistics(x, planes: batch, planeSize: planeSize, offset: offset)
        let inverseStd = 1 / (variance + epsilon).squareRoot()
        let affine = CenteredAffineTransform(mean: Float(mean), scale: Float(Double(buffers.floatInput(1)[channel]) * inverseStd),
                                             shift: buffers.floatInput(2)[channel])
        for image in 0..<batch { applyTransform(affine, x + offset(image), y + offset(image), count: planeSize) }
        let count = Double(batch * planeSize)
        let keep = momentum, take = 1 - momentum
        buffers.floatOutput(1)[channel] = Float(keep * Double(buffers.floatInput(3)[channel]) + take * mean)
        buffers.floatOutput(2)[channel] = Float(keep * Double(buffers.floatInput(4)[channel]) + take * variance * count / (count - 1))
        buffers.floatOutput(3)[channel] = Float(mean)
        buffers.floatOutput(4)[channel] = Float(inverseStd)
    }
}
