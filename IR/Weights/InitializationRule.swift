/// How `WeightInitializer` fills one parameter.
public enum InitializationRule: Equatable, Sendable, CustomStringConvertible {
    /// He (Kaiming) normal: N(0, 2 / fanIn), for weights whose layer feeds a rectifier.
    case heNormal(fanIn: Int)
    /// Glorot (Xavier) uniform: U(−l, l) with l = √(6 / (fanIn + fanOut)).
    case glorotUniform(fanIn: Int, fanOut: Int)
    /// Every element equal to the value (biases 0, norm scales 1, PReLU slopes 0.25, …).
    case constant(Double)

    /// The rule, e.g. `he_normal(fan_in=288)`.
    public var description: String {
        switch self {
        case .heNormal(let fanIn): return "he_normal(fan_in=\(fanIn))"
        case .glorotUniform(let fanIn, let fanOut): return "glorot_uniform(fan_in=\(fanIn), fan_out=\(fanOut))"
        case .constant(let value): return "constant(\(value))"
        }
    }

    /// `count` values drawn by this rule from `generator`.
    func sample(count: Int, using generator: inout SeededGenerator) -> [Double] {
        switch self {
        case .heNormal(let fanIn):
            let deviation = (2 / Double(max(fanIn, 1))).squareRoot()
            return (0..<count).map { _ in generator.nextGaussian() * deviation }
        case .glorotUniform(let fanIn, let fanOut):
            let limit = (6 / max(Double(fanIn) + Double(fanOut), 1)).squareRoot()
            return (0..<count).map { _ in (2 * generator.nextUnitDouble() - 1) * limit }
        case .constant(let value):
            return [Double](repeating: value, count: count)
        }
    }
}
