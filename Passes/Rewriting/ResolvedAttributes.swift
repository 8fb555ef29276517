import CNNIR

/// Every attribute of a node with the schema's defaults filled in, read by kind.
///
/// Each accessor returns nil when the attribute is absent or of another kind, so a pass can
/// leave a node it cannot read alone instead of failing.
public struct ResolvedAttributes: Sendable {
    /// The attribute values by name.
    public var values: [String: AttributeValue]

    /// The attributes of `node`, or nil when they do not resolve (a required one is missing).
    public init?(_ node: Node) {
        guard let values = try? node.op.schema.resolve(node.attributes) else { return nil }
        self.values = values
    }

    /// The integer `name`.
    public func int(_ name: String) -> Int? {
        if case .int(let value)? = values[name] { return value }
        return nil
    }

    /// The integer list `name`.
    public func ints(_ name: String) -> [Int]? {
        if case .ints(let value)? = values[name] { return value }
        return nil
    }

    /// The number `name`.
    public func float(_ name: String) -> Double? {
        if case .float(let value)? = values[name] { return value }
        return nil
    }

    /// The boolean `name`.
    public func bool(_ name: String) -> Bool? {
        if case .bool(let value)? = values[name] { return value }
        return nil
    }

    /// The string `name`.
    public func string(_ name: String) -> String? {
        if case .string(let value)? = values[name] { return value }
        return nil
    }
}

extension Node {
    /// Whether every attribute stored on the node is one of `names` (a pass that knows how
    /// those attributes behave under its rewrite leaves nodes with any other attribute alone).
    public func hasOnlyAttributes(_ names: Set<String>) -> Bool {
        attributes.values.keys.allSatisfy(names.contains)
    }

    /// The permutation of a transpose node: its `perm`, or the reversed axes when `perm` is empty.
    public func transposePermutation(rank: Int) -> [Int]? {
        guard op == .transpose, let perm = ResolvedAttributes(self)?.ints("perm") else { return nil }
        return perm.isEmpty ? Array((0..<rank).reversed()) : perm
    }
}
