/// The number of elements of a shape (1 for a scalar).
func elementCount(_ shape: [Int]) -> Int { shape.reduce(1, *) }

/// Row-major strides, in elements, of a shape: the last axis has stride 1.
func rowMajorStrides(_ shape: [Int]) -> [Int] {
    var strides = Array(repeating: 1, count: shape.count)
    var stride = 1
    for axis in shape.indices.reversed() {
        strides[axis] = stride
        stride *= shape[axis]
    }
    return strides
}
