import CNNIR

/// The operands of a pool's gradient and the pool's window: x `[N, C, in...]`, dy
/// `[N, C, out...]` (the pool's result shape for x, checked), and the number of `[n, c]` planes.
private func poolGradientOperands(_ invocation: ReferenceInvocation) throws
    -> (x: ReferenceArray, dy: ReferenceArray, planes: Int, geometry: WindowGeometry) {
    let x = try invocation.array(0), dy = try invocation.array(1)
    let (batch, channels, spatial) = try spatialLayout(x.shape, "x")
    let kernel = try invocation.windowKernel(count: spatial.count)
    let geometry = try WindowGeometry.sliding(over: spatial, kernel: kernel, invocation.withExplicitPads())
    let expected = [batch, channels] + geometry.outputSize
    guard dy.shape == expected else {
        throw Diagnostic("dy must have the pool's result shape \(describe(expected)) for x, found shape \(describe(dy.shape))")
    }
    return (x, dy, batch * channels, geometry)
}

/// max_pool_grad: each window's `dy` is added to the element of x that max_pool picks for the
/// window — its largest tap inside x by `>`, the first one in row-major window order on ties (a
/// NaN in the first tap stays, a later one never wins) — so overlapping windows accumulate; a
/// window with no tap inside x passes nothing on.
func maxPoolGradient(_ invocation: ReferenceInvocation) throws -> ReferenceArray {
    let (x, dy, planes, geometry) = try poolGradientOperands(invocation)
    let inPlane = geometry.inputSize.reduce(1, *), outPlane = geometry.outputSize.reduce(1, *)
    var dx = ReferenceArray(shape: x.shape)
    geometry.forEachWindow { outputOffset, taps, _ in
        for plane in 0..<planes {
            guard let best = WindowGeometry.firstMaximum(of: x.values, base: plane * inPlane, taps: taps) else { continue }
            dx.values[plane * inPlane + best.offset] += dy.values[plane * outPlane + outputOffset]
        }
    }
    return dx
}

/// avg_pool_grad: each window's `dy`, divided by avg_pool's divisor (the window's taps inside x,
/// or with count_include_pad inside the padded input), is added to every tap inside x.
func averagePoolGradient(_ invocation: ReferenceInvocation) throws -> ReferenceArray {
    let (x, dy, planes, geometry) = try poolGradientOperands(invocation)
    let includePadding = try invocation.bool("count_include_pad")
    let inPlane = geometry.inputSize.reduce(1, *), outPlane = geometry.outputSize.reduce(1, *)
    var dx = ReferenceArray(shape: x.shape)
    geometry.forEachWindow { outputOffset, taps, paddedCount in
        let divisor = Double(includePadding ? paddedCount : taps.count)
        for plane in 0..<planes {
            let share = dy.values[plane * outPlane + outputOffset] / divisor
            for tap in taps { dx.values[plane * inPlane + tap.inputOffset] += share }
        }
    }
    return dx
}
