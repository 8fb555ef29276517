import CNNIR

extension ReferenceKernels {
    /// max_pool, avg_pool, global_avg_pool and global_max_pool.
    static let poolingKernels: [OpKind: ReferenceKernel] = [
        .maxPool: ReferenceKernel { invocation in
            try pool(invocation) { values, _ in values.max() ?? -.infinity }
        },
        .avgPool: ReferenceKernel { invocation in
            let includePadding = try invocation.bool("count_include_pad")
            return try pool(invocation) { values, paddedCount in
                values.reduce(0, +) / Double(includePadding ? paddedCount : values.count)
            }
        },
        .globalAvgPool: ReferenceKernel { try globalPool($0) { values in values.reduce(0, +) / Double(values.count) } },
        .globalMaxPool: ReferenceKernel { try globalPool($0) { values in values.max() ?? -.infinity } },
    ]
}

/// A window pool over the spatial axes of `[N, C, spatial...]`: `reduce` gets, for each window
/// and channel, the input values inside the window (padding excluded) and the number of window
/// positions inside the padded input (for avg_pool's count_include_pad). A window holding no
/// input value gives -inf for max_pool and NaN (0/0) for avg_pool without count_include_pad.
private func pool(_ invocation: ReferenceInvocation,
                  _ reduce: (_ values: [Double], _ paddedCount: Int) -> Double) throws -> ReferenceArray {
    let x = try invocation.array(0)
    let (batch, channels, spatial) = try spatialLayout(x.shape, "the input")
    let kernel = try invocation.ints("kernel")
    guard kernel.count == spatial.count, kernel.allSatisfy({ $0 >= 1 }) else {
        throw Diagnostic("attribute 'kernel' must give a positive size for each of the \(spatial.count) spatial axes, found \(describe(kernel))")
    }
    let geometry = try WindowGeometry.sliding(over: spatial, kernel: kernel, invocation)
    var y = ReferenceArray(shape: [batch, channels] + geometry.outputSize)
    let inPlane = spatial.reduce(1, *), outPlane = geometry.outputSize.reduce(1, *)
    geometry.forEachWindow { outputOffset, taps, paddedCount in
        for plane in 0..<(batch * channels) {
            let values = taps.map { x.values[plane * inPlane + $0.inputOffset] }
            y.values[plane * outPlane + outputOffset] = reduce(values, paddedCount)
        }
    }
    return y
}

/// A pool over all spatial positions of each `[N, C]` plane; the result is `[N, C, 1, ...]`.
private func globalPool(_ invocation: ReferenceInvocation, _ reduce: ([Double]) -> Double) throws -> ReferenceArray {
    let x = try invocation.array(0)
    let (batch, channels, spatial) = try spatialLayout(x.shape, "the input")
    let plane = spatial.reduce(1, *)
    let values = (0..<(batch * channels)).map { index in
        reduce(Array(x.values[(index * plane)..<((index + 1) * plane)]))
    }
    return ReferenceArray(shape: [batch, channels] + spatial.map { _ in 1 }, values: values)
}
