import CNNIR
import CNNRuntime

/// Random draws for the fast-kernel tests: integers, chances, elements, shapes, permutations
/// and f32 operands, all from one seeded generator.
extension SeededGenerator {
    /// A uniformly drawn integer in `range`.
    mutating func nextInt(in range: ClosedRange<Int>) -> Int {
        Int.random(in: range, using: &self)
    }

    /// True with probability `probability`.
    mutating func nextChance(_ probability: Double) -> Bool {
        nextUnitDouble() < probability
    }

    /// A uniformly drawn element of a non-empty array.
    mutating func nextElement<Element>(of elements: [Element]) -> Element {
        elements[nextInt(in: 0...(elements.count - 1))]
    }

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
