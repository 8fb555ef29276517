/// An element-wise activation over the whole contiguous buffer, 16 lanes at a time (the last
/// partial vector included, without reading or writing past the end).
struct UnaryKernel<Transform: VectorTransform>: Kernel {
    let name: String
    /// The number of elements.
    let count: Int
    /// The activation.
    let transform: Transform

    var workspaceBytes: Int { 0 }

    func run(_ buffers: KernelBuffers, context: KernelContext) {
        applyTransform(transform, buffers.floatInput(0), buffers.floatOutput(0), count: count)
    }
}

/// `y[i] = transform(x[i])` for `i` in `0..<count`.
@inline(__always)
func applyTransform<Transform: VectorTransform>(_ transform: Transform, _ x: UnsafePointer<Float>,
                                                _ y: UnsafeMutablePointer<Float>, count: Int) {
    var index = 0
    while index + 16 <= count {
        y.storeFloatVector(transform(x.loadFloatVector(at: index)), at: index)
        index += 16
    }
    if index < count {
        let rest = count - index
        y.storePartialFloatVector(transform(x.loadPartialFloatVector(at: index, count: rest)), at: index, count: rest)
    }
}
