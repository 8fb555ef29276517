/// A function applied to every lane of a vector: an element-wise activation, or one step of
/// a normalization or of softmax.
protocol VectorTransform: Sendable {
    /// The function on 16 lanes.
    func callAsFunction(_ x: FloatVector) -> FloatVector
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
