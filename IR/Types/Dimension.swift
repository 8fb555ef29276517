/// One axis of a shape: a static size, or a named size (such as the batch `N`) that is bound at
/// compile time.
public enum Dimension: Hashable, Sendable, CustomStringConvertible {
    case fixed(Int)
    case named(String)

    /// The static size, or `nil` for a named dimension.
    public var fixedValue: Int? {
        if case .fixed(let value) = self { return value }
        return nil
    }

    public var description: String {
        switch self {
        case .fixed(let value): return String(value)
        case .named(let name): return name
        }
    }
}

extension Dimension: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self = .fixed(value) }
}
