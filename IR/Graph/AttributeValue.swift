/// The value of one attribute of a node (`strides = [2,2]`, `alpha = 0.1`, `mode = "nearest"`).
public enum AttributeValue: Equatable, Sendable {
    case int(Int)
    case float(Double)
    case bool(Bool)
    case string(String)
    case ints([Int])
    case floats([Double])
    case tensor(TensorLiteral)

    /// The kind of this value.
    public var kind: AttributeKind {
        switch self {
        case .int: return .int
        case .float: return .float
        case .bool: return .bool
        case .string: return .string
        case .ints: return .ints
        case .floats: return .floats
        case .tensor: return .tensor
        }
    }

    /// Whether this is a float or list of floats holding a NaN (tensor literals may hold NaN).
    public var containsNaN: Bool {
        switch self {
        case .float(let value): return value.isNaN
        case .floats(let values): return values.contains { $0.isNaN }
        default: return false
        }
    }

    /// This value converted to `kind` where the conversion loses nothing (an integer where a
    /// float is expected, a list of integers where floats are, an empty list of either kind);
    /// `nil` otherwise.
    public func converted(to kind: AttributeKind) -> AttributeValue? {
        if self.kind == kind { return self }
        switch (self, kind) {
        case (.int(let value), .float): return .float(Double(value))
        case (.ints(let values), .floats): return .floats(values.map(Double.init))
        case (.floats(let values), .ints) where values.isEmpty: return .ints([])
        default: return nil
        }
    }
}

/// The kinds of attribute values an op schema can declare.
public enum AttributeKind: String, Sendable, CustomStringConvertible {
    case int, float, bool, string, ints, floats, tensor

    public var description: String {
        switch self {
        case .int: return "an integer"
        case .float: return "a number"
        case .bool: return "true or false"
        case .string: return "a string"
        case .ints: return "a list of integers"
        case .floats: return "a list of numbers"
        case .tensor: return "a dense tensor literal"
        }
    }
}
