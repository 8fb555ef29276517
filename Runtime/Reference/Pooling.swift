import CNNIR

extension ReferenceKernels {
    /// max_pool, avg_pool, global_avg_pool and global_max_pool.
    static let poolingKernels: [OpKind: ReferenceKernel] = [
        .maxPool: ReferenceKernel(results: { try maxPool($0) }),
        .avgPool: ReferenceKernel { try averagePool($0) },
        .globalAvgPool: ReferenceKernel { try globalPool($0) { values in values.reduce(0, +) / Double(values.count) } },
        .globalMaxPool: ReferenceKernel { try globalPool($0) { values in values.max() ?? -.infinity } },
    ]
}

/// The input of a window pool and the window's geometry over its spatial axes.
private func poolWindow(_ invocation: ReferenceInvocation) throws -> (x: ReferenceArray, planes: Int, geometry: WindowGeometry) {
    let x = try invocation.array(0)
    let (batch, channels, spatial) = try spatialLayout(x.shape, "the input")
    let kernel = try invocation.ints("kernel")
    guard kernel.count == spatial.count, kernel.allSatisfy({ $0 >= 1 }) else {
        throw Diagnostic("attribute 'kernel' must give a positive size for each of the \(spatial.count) spatial axes, found \(describe(kernel))")
    }
    return (x, batch * channels, try WindowGeometry.sliding(over: spatial, kernel: kernel, invocation))
}

/// avg_pool over the spatial axes of `[N, C, spatial...]`: for each window and channel, the
/// sum of the input values inside the window (padding excluded) divided by their number, or
/// with count_include_pad by the number of window positions inside the padded input. A window
/// holding no input value gives NaN (0/0) without count_include_pad.
private func averagePool(_ invocation: ReferenceInvocation) throws -> ReferenceArray {
    let (x, planes, geometry) = try poolWindow(invocation)
    let includePadding = try invocation.bool("count_include_pad")
    var y = ReferenceArray(shape: Array(x.shape.prefix(2)) + geometry.outputSize)
    let inPlane = geometry.inputSize.reduce(1, *), outPlane = geometry.outputSize.reduce(1, *)
    geometry.forEachWindow { outputOffset, taps, paddedCount in
        for plane in 0..<planes {
            let sum = taps.reduce(0) { $0 + x.values[plane * inPlane + $1.inputOffset] }
            y.values[plane * outPlane + outputOffset] = sum / Double(includePadding ? paddedCount : taps.count)
        }
    }
    return y
}

/// max_pool: the largest value of each window by `>`, the first one on ties (−inf for a window
/// holding no input value; a NaN in a window's first tap stays, a later one never wins), and
/// with two results also the position of that value,
/// counted over the whole input `[N, C, spatial...]` with the spatial plane row-major
/// (storage_order 0) or column-major (storage_order 1), as ONNX MaxPool's Indices.
private func maxPool(_ invocation: ReferenceInvocation) throws -> [Tensor] {
    let (x, planes, geometry) = try poolWindow(invocation)
    let spatial = geometry.inputSize
    let storageOrder = try invocation.int("storage_order")
    guard storageOrder == 0 || storageOrder == 1 else { throw Diagnostic("storage_order must be 0 or 1, found \(storageOrder)") }
    let shape = Array(x.shape.prefix(2)) + geometry.outputSize
    var y = ReferenceArray(shape: shape, repeating: -.infinity)
    var indices = Array(repeating: Int64(0), count: y.count)
    let inPlane = spatial.reduce(1, *), outPlane = geometry.outputSize.reduce(1, *)
    let rowMajor = rowMajorStrides(spatial)
    let planeStrides = storageOrder == 0 ? rowMajor : columnMajorStrides(spatial)
    geometry.forEachWindow { outputOffset, taps, _ in
        for plane in 0..<planes {
            guard let best = WindowGeometry.firstMaximum(of: x.values, base: plane * inPlane, taps: taps) else { continue }
            y.values[plane * outPlane + outputOffset] = best.value
            let position = spatial.indices.reduce(0) { total, axis in
                total + (best.offset / rowMajor[axis] % spatial[axis]) * planeStrides[axis]
            }
            indices[plane * outPlane + outputOffset] = Int64(plane * inPlane + position)
        }
    }
    let pooled = try y.tensor(invocation.resultDType())
    return invocation.resultCount == 2 ? [pooled, try Tensor(shape: shape, elements: indices)] : [pooled]
}

/// Column-major strides (in elements) of a shape: the first axis has stride 1.
private func columnMajorStrides(_ shape: [Int]) -> [Int] {
    Array(rowMajorStrides(shape.reversed()).reversed())
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
