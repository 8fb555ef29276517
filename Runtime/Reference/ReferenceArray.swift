import CNNIR

/// A shape and row-major elements of any type: what the reference kernels work on.
///
/// The floating kernels use `ReferenceArray` (`Double` elements): they convert their operands,
/// compute and accumulate in `Double`, and convert the result back to the tensor's element type
/// at the edge, so that the oracle is more precise than any f32 kernel tested against it. The
/// kernels that also take i64 compute on `ShapedArray<Int64>` for i64 operands, exactly.
struct ShapedArray<Element> {
    /// The size of every axis.
    var shape: [Int]
    /// The elements in row-major order; `values.count` is the product of `shape`.
    var values: [Element]

    /// An array from its shape and elements (the caller keeps the two consistent).
    init(shape: [Int], values: [Element]) {
        self.shape = shape
        self.values = values
    }

    /// The number of axes.
    var rank: Int { shape.count }
    /// The number of elements.
    var count: Int { values.count }
    /// Row-major strides in elements.
    var strides: [Int] { rowMajorStrides(shape) }

    /// The array of `shape` whose element `i` is element `offsets[i]` of this one.
    func gathering(_ offsets: [Int], shape: [Int]) -> ShapedArray<Element> {
        ShapedArray(shape: shape, values: offsets.map { values[$0] })
    }
}

extension ShapedArray: Equatable where Element: Equatable {}

/// The working array of the floating reference kernels: `Double` elements.
typealias ReferenceArray = ShapedArray<Double>

extension ShapedArray where Element == Double {
    /// An array of `shape` filled with `value`.
    init(shape: [Int], repeating value: Double = 0) {
        self.init(shape: shape, values: Array(repeating: value, count: shape.reduce(1, *)))
    }

    /// The elements of a tensor, as doubles.
    init(_ tensor: Tensor) {
        self.init(shape: tensor.shape, values: tensor.doubles)
    }

    /// This array as a tensor of `dtype`; throws a `Diagnostic` if an i64 result is not integral.
    func tensor(_ dtype: DType) throws -> Tensor {
        try Tensor(shape: shape, storage: .f64(values)).converted(to: dtype)
    }
}

/// Calls `body` with every multi-index of `shape`, in row-major order (the last axis fastest).
func forEachIndex(in shape: [Int], _ body: ([Int]) throws -> Void) rethrows {
    guard !shape.contains(where: { $0 <= 0 }) else { return }
    var index = Array(repeating: 0, count: shape.count)
    while true {
        try body(index)
        var axis = shape.count - 1
        while axis >= 0 {
            index[axis] += 1
            if index[axis] < shape[axis] { break }
            index[axis] = 0
            axis -= 1
        }
        if axis < 0 { return }
    }
}

/// An axis given as in the IR (negative counts from the end) normalized to `0..<rank`; throws
/// a `Diagnostic` naming `what` when it is out of range.
func normalizedAxis(_ axis: Int, rank: Int, _ what: String = "axis") throws -> Int {
    let normalized = axis < 0 ? axis + rank : axis
    guard normalized >= 0 && normalized < rank else {
        throw Diagnostic("\(what) \(axis) is out of range for rank \(rank)")
    }
    return normalized
}
