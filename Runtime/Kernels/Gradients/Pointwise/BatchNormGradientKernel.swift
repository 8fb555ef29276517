/// batch_norm_grad: for each channel, one pass for Σ dy and Σ dy·(x − mean) over its N planes,
/// then one for `dx = a·dy + k·(x − mean) + c` with `a = scale·inverse_std`,
/// `k = −a·inverse_std²·Σ dy·(x − mean)/M` and `c = −a·Σ dy/M` — batch_norm_grad's
/// `scale·inverse_std·(dy − dbias/M − x̂·dscale/M)` with x̂ = (x − mean)·inverse_std; and
/// `dscale = inverse_std·Σ dy·(x − mean)`, `dbias = Σ dy`. Channels are shared out over the
/// worker pool, each computed whole by one thread.
struct BatchNormGradientKernel: Kernel {
    let name = "bn-grad"
    /// The planes of x and dy.
    let planes: ChannelPlanes

    var workspaceBytes: Int { 0 }

    func run(_ buffers: KernelBuffers, context: KernelContext) {
        let parts = WorkSplit.parts(items: planes.channels, workPerItem: 2 * planes.batch * planes.planeSize,
                                    threadCount: context.threadCount)
        WorkSplit.run(items: planes.channels, parts: parts) { channels in
            for channel in channels { differentiate(channel: channel, buffers) }
        }
    }

    /// The gradients of one channel.
    private func differentiate(channel: Int, _ buffers: KernelBuffers) {
        let (batch, channels, planeSize) = (planes.batch, planes.channels, planes.planeSize)
        let x = buffers.floatInput(0), dy = buffers.floatInput(4)
        let mean = buffers.floatInput(2)[channel], inverseStd = Double(buffers.floatInput(3)[channel])
        let offset = { (image: Int) in (image * channels + channel) * planeSize }
        var sums = (gradient: 0.0, weighted: 0.0)
        for image in 0..<batch {
            let plane = LaneSums.gradientSums(x: x + offset(image), dy: dy + offset(image), count: planeSize, center: mean)
            sums = (sums.gradient + plane.gradient, sums.weighted + plane.weighted)
        }
        let count = Double(batch * planeSize)
        let gain = Double(buffers.floatInput(1)[channel]) * inverseStd
        let map = GradientAffineMap(center: mean, gradientFactor: Float(gain),
                                    deviationFactor: Float(-gain * inverseStd * inverseStd * sums.weighted / count),
                                    constant: Float(-gain * sums.gradient / count))
        let dx = buffers.floatOutput(0)
        for image in 0..<batch { map.apply(x: x + offset(image), dy: dy + offset(image), dx: dx + offset(image), count: planeSize) }
        buffers.floatOutput(1)[channel] = Float(inverseStd * sums.weighted)
        buffers.floatOutput(2)[channel] = Float(sums.gradient)
    }
}

/// `dx = gradientFactor·dy + deviationFactor·(x − center) + constant` over one contiguous run:
/// the last step of the normalization gradients.
struct GradientAffineMap {
    let center: Float
    let gradientFactor: Float
    let deviationFactor: Float
    let constant: Float

    /// Writes dx for `count` elements.
    @inline(__always)
    func apply(x: UnsafePointer<Float>, dy: UnsafePointer<Float>, dx: UnsafeMutablePointer<Float>, count: Int) {
        var index = 0
        while index + 16 <= count {
            dx.storeFloatVector(value(x.loadFloatVector(at: index), dy.loadFloatVector(at: index)), at: index)
            index += 16
        }
        if index < count {
            let rest = count - index
            let result = value(x.loadPartialFloatVector(at: index, count: rest), dy.loadPartialFloatVector(at: index, count: rest))
            dx.storePartialFloatVector(result, at: index, count: rest)
        }
    }

    @inline(__always)
    private func value(_ x: FloatVector, _ dy: FloatVector) -> FloatVector {
        FloatVector(repeating: constant).addingProduct(dy, FloatVector(repeating: gradientFactor))
            .addingProduct(x - center, FloatVector(repeating: deviationFactor))
    }
}
