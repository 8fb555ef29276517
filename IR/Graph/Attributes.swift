/// The attributes of a node, by name. Order does not matter: the printer writes them sorted.
///
/// A node stores only the attributes that were given and differ from the op's defaults; the
/// typed accessors fall back to the schema's defaults (see `OpSchema`).
public struct Attributes: Equatable, Sendable, Sequence, ExpressibleByDictionaryLiteral {
    /// The stored values by name.
    public private(set) var values: [String: AttributeValue]

    /// Creates attributes from a dictionary.
    public init(_ values: [String: AttributeValue] = [:]) { self.values = values }

    public init(dictionaryLiteral elements: (String, AttributeValue)...) {
        self.values = Dictionary(elements, uniquingKeysWith: { _, last in last })
    }

    /// The value of an attribute, if stored.
    public subscript(name: String) -> AttributeValue? {
        get { values[name] }
        set { values[name] = newValue }
    }

    /// The names in canonical (sorted) order.
    public var sortedNames: [String] { values.keys.sorted() }

    /// Whether no attribute is stored.
    public var isEmpty: Bool { values.isEmpty }

    public func makeIterator() -> Dictionary<String, AttributeValue>.Iterator { values.makeIterator() }
}
