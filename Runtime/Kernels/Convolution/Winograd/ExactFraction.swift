/// An exact rational number `numerator / denominator` (denominator positive, lowest terms), for
/// deriving Winograd transforms without rounding. The transforms cnnc derives have small
/// numerators and denominators, far from `Int`'s range.
struct ExactFraction: Sendable, Hashable, CustomStringConvertible {
    /// The numerator, carrying the sign.
    let numerator: Int
    /// The denominator, positive.
    let denominator: Int

    /// `numerator / denominator` in lowest terms; `denominator` must not be zero.
    init(_ numerator: Int, _ denominator: Int = 1) {
        let divisor = max(1, ExactFraction.greatestCommonDivisor(abs(numerator), abs(denominator)))
        let sign = denominator < 0 ? -1 : 1
        self.numerator = sign * numerator / divisor
        self.denominator = sign * denominator / divisor
    }

    /// Zero.
    static let zero = ExactFraction(0)
    /// One.
    static let one = ExactFraction(1)

    /// The nearest `Double`.
    var doubleValue: Double { Double(numerator) / Double(denominator) }

    /// `2/3`, or `-4` for a whole number.
    var description: String { denominator == 1 ? "\(numerator)" : "\(numerator)/\(denominator)" }

    static func + (left: ExactFraction, right: ExactFraction) -> ExactFraction {
        ExactFraction(left.numerator * right.denominator + right.numerator * left.denominator,
                      left.denominator * right.denominator)
    }

    static func - (left: ExactFraction, right: ExactFraction) -> ExactFraction {
        left + ExactFraction(-right.numerator, right.denominator)
    }

    static func * (left: ExactFraction, right: ExactFraction) -> ExactFraction {
        ExactFraction(left.numerator * right.numerator, left.denominator * right.denominator)
    }

    /// `left / right`; `right` must not be zero.
    static func / (left: ExactFraction, right: ExactFraction) -> ExactFraction {
        ExactFraction(left.numerator * right.denominator, left.denominator * right.numerator)
    }

    /// This number raised to the power `exponent` ≥ 0.
    func power(_ exponent: Int) -> ExactFraction {
        (0..<exponent).reduce(ExactFraction.one) { product, _ in product * self }
    }

    /// Euclid's algorithm on non-negative integers.
    private static func greatestCommonDivisor(_ a: Int, _ b: Int) -> Int {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }
}
