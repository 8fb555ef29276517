import CNNIR
import Foundation

/// Small drawing helpers over `SeededGenerator`, shared by the random graph generator and the
/// text mutator, so that every random choice in the robustness tests comes from one seed.
extension SeededGenerator {
    /// `true` with probability `probability`.
    mutating func chance(_ probability: Double) -> Bool { nextUnitDouble() < probability }

    /// A uniformly drawn integer in `range`.
    mutating func int(in range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }

    /// A uniformly drawn index into a collection of `count` elements (`count` must be positive).
    mutating func index(below count: Int) -> Int { Int.random(in: 0..<count, using: &self) }

    /// A uniformly drawn element of a non-empty array.
    mutating func pick<Element>(_ elements: [Element]) -> Element { elements[index(below: elements.count)] }

    /// `count` distinct integers of `range`, in random order.
    mutating func distinct(_ count: Int, of range: Range<Int>) -> [Int] {
        Array(Array(range).shuffled(using: &self).prefix(count))
    }

    /// A double chosen to stress number printing and parsing: signed zeros, subnormals, the
    /// extremes of the range, infinities, and ordinary values across many magnitudes.
    mutating func stressDouble() -> Double {
        if chance(0.4) { return pick(Self.edgeDoubles) }
        let magnitude = Double(int(in: -12...12))
        let value = nextGaussian() * pow(10, magnitude)
        return chance(0.2) ? value.rounded() : value
    }

    /// A double that is exactly representable as a `Float` (what an `f32` literal can hold).
    mutating func stressFloat() -> Double {
        chance(0.3) ? Double(pick(Self.edgeFloats)) : Double(Float(stressDouble()))
    }

    /// A 64-bit integer for `i64` literals, including both ends of the range.
    mutating func stressInteger() -> Int64 {
        if chance(0.3) { return pick([0, 1, -1, Int64.max, Int64.min, Int64.max - 1, Int64.min + 1]) }
        return Int64.random(in: -1_000_000...1_000_000, using: &self)
    }

    /// A finite double of moderate size, for attributes whose value only has to be a number.
    mutating func ordinaryDouble(in range: ClosedRange<Double>) -> Double {
        if chance(0.2) { return pick([range.lowerBound, range.upperBound, (range.lowerBound + range.upperBound) / 2]) }
        return Double.random(in: range, using: &self)
    }

    private static let edgeDoubles: [Double] = [
        0, -0.0, 1, -1, 0.5, 0.1, 1.0 / 3.0, 6, 1e-7, 123_456_789.125,
        Double.leastNonzeroMagnitude, -Double.leastNonzeroMagnitude, Double.leastNormalMagnitude,
        Double.greatestFiniteMagnitude, -Double.greatestFiniteMagnitude, 1e300, -1e-300, 1e22, 1e23,
        9_007_199_254_740_994, Double.infinity, -Double.infinity,
    ]

    private static let edgeFloats: [Float] = [
        0, -0.0, 1, -1, 0.1, 1.0 / 3.0, Float.leastNonzeroMagnitude, Float.leastNormalMagnitude,
        Float.greatestFiniteMagnitude, -Float.greatestFiniteMagnitude, 16_777_218, Float.infinity, -Float.infinity,
    ]
}
