/// A window size or step over the two spatial axes, [height, width]: `3` means 3×3, `[1, 7]`
/// means 1 high and 7 wide.
public struct Size2D: Sendable, Equatable, ExpressibleByIntegerLiteral, ExpressibleByArrayLiteral {
    /// The values, height first; a layer checks that there are two, both positive.
    public var values: [Int]

    /// A size of `height` × `width`.
    public init(_ height: Int, _ width: Int) { values = [height, width] }

    /// A square size.
    public init(integerLiteral value: Int) { values = [value, value] }

    /// The values as written; a layer rejects a list that is not two positive sizes.
    public init(arrayLiteral elements: Int...) { values = elements }

    /// The two values, or a diagnostic from `layer` naming the argument `argument`.
    func checked<L: Layer>(_ argument: String, of layer: L, name: String) throws -> [Int] {
        guard values.count == 2, values.allSatisfy({ $0 > 0 }) else {
            throw layer.error("\(argument) must be two positive sizes [height, width], found \(values)", name: name)
        }
        return values
    }
}
