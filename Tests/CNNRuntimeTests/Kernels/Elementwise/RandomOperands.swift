import CNNIR
import CNNRuntime

/// Random shapes and operands for the pooling, normalization, element-wise and data-movement
/// kernel tests (on top of the shared `KernelHarness` helpers).
extension SeededGenerator {
    /// A shape of `rank` axes, each drawn from `sizes`.
    mutating func nextShape(rank: Int, sizes: ClosedRange<Int>) -> [Int] {
        (0..<rank).map { _ in nextInt(in: sizes) }
    }

    /// An f32 tensor of `shape` drawn from `distribution`.
    mutating func nextTensor(_ shape: [Int], _ distribution: RandomDistribution = .uniform(-1...1)) throws -> Tensor {
        try Tensor.random(shape: shape, dtype: .f32, distribution: distribution, using: &self)
    }

    /// A random order of `0..<count`.
    mutating func nextPermutation(_ count: Int) -> [Int] {
        var order = Array(0..<count)
        order.shuffle(using: &self)
        return order
    }
}
