import Foundation

/// softmax and log_softmax over one axis, numerically stable: the largest element of each
/// slice is subtracted before the exponentials (`VectorMath.exp`), so no term exceeds 1 and the
/// sum lies in [1, length].
///
/// The input is seen as `[outer, length, inner]` (length = the axis). With `inner == 1` each
/// slice is a contiguous row and the lanes run along it; otherwise the lanes run over 16
/// neighbouring slices at once (columns of the `[length, inner]` block).
struct SoftmaxKernel: Kernel {
    let name: String
    /// The product of the sizes before the axis.
    let outer: Int
    /// The size of the axis.
    let length: Int
    /// The product of the sizes after the axis.
    let inner: Int
    /// log_softmax (`x − max − log Σ e^(x−max)`) rather than softmax.
    let isLogarithmic: Bool

    var workspaceBytes: Int { 0 }

    func run(_ buffers: KernelBuffers, context: KernelContext) {
        let x = buffers.floatInput(0), y = buffers.floatOutput(0)
        guard length > 0 else { return }
        for block in 0..<outer {
            let offset = block * length * inner
            if inner == 1 {
                normalizeRow(x + offset, y + offset)
            } else {
                var column = 0
                while column < inner {
                    normalizeColumns(x + offset + column, y + offset + column, lanes: min(16, inner - column))
                    column += 16
                }
            }
        }
    }

    /// One contiguous slice of `length` elements.
    @inline(__always)
    private func normalizeRow(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>) {
        var largest = FloatVector(repeating: -.infinity)
        var index = 0
        while index + 16 <= length {
            let values = x.loadFloatVector(at: index)
            largest = largest.replacing(with: values, where: values .> largest)
            index += 16
        }
        var maximum = largest.max()
        for position in index..<length { maximum = Swift.max(maximum, x[position]) }
        let shift = FloatVector(repeating: maximum)
        var sums = FloatVector()
        index = 0
        while index + 16 <= length {
            let exponentials = VectorMath.exp(x.loadFloatVector(at: index) - shift)
            if !isLogarithmic { y.storeFloatVector(exponentials, at: index) }
            sums += exponentials
            index += 16
        }
        var sum = sums.sum()
        if index < length {
            let rest = length - index
            let exponentials = VectorMath.exp(x.loadPartialFloatVector(at: index, count: rest) - shift)
            if !isLogarithmic { y.storePartialFloatVector(exponentials, at: index, count: rest) }
            for lane in 0..<rest { sum += exponentials[lane] }
        }
        if isLogarithmic {
            applyTransform(ConstantShift(amount: -(maximum + Foundation.log(sum))), x, y, count: length)
        } else {
            applyTransform(ConstantScale(factor: 1 / sum), UnsafePointer(y), y, count: length)
        }
    }

    /// `lanes` (≤ 16) neighbouring slices, each strided by `inner`.
    @inline(__always)
    private func normalizeColumns(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, lanes: Int) {
        let load = { (row: Int) -> FloatVector in
            lanes == 16 ? x.loadFloatVector(at: row * self.inner) : x.loadPartialFloatVector(at: row * self.inner, count: lanes)
        }
        let store = { (value: FloatVector, row: Int) in
            if lanes == 16 { y.storeFloatVector(value, at: row * self.inner) } else { y.storePartialFloatVector(value, at: row * self.inner, count: lanes) }
        }
        var largest = FloatVector(repeating: -.infinity)
        for row in 0..<length {
            let values = load(row)
            largest = largest.replacing(with: values, where: values .> largest)
        }
        var sums = FloatVector()
        for row in 0..<length {
            let exponentials = VectorMath.exp(load(row) - largest)
            if !isLogarithmic { store(exponentials, row) }
            sums += exponentials
        }
        if isLogarithmic {
            var logarithms = FloatVector()
            for lane in 0..<lanes { logarithms[lane] = Foundation.log(sums[lane]) }
            let shift = largest + logarithms
            for row in 0..<length { store(load(row) - shift, row) }
        } else {
            let factors = 1 / sums
            for row in 0..<length {
                let value = lanes == 16 ? UnsafePointer(y).loadFloatVector(at: row * inner)
                                        : UnsafePointer(y).loadPartialFloatVector(at: row * inner, count: lanes)
                store(value * factors, row)
            }
        }
    }
}

/// x + amount.
struct ConstantShift: VectorTransform {
    let amount: Float
    @inline(__always) func callAsFunction(_ x: FloatVector) -> FloatVector { x + amount }
}

/// x · factor.
struct ConstantScale: VectorTransform {
    let factor: Float
    @inline(__always) func callAsFunction(_ x: FloatVector) -> FloatVector { x * factor }
}
