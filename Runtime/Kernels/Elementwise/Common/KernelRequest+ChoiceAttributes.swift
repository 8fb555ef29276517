import CNNIR

extension KernelRequest {
    /// Whether the op has attribute `name` at all (given or defaulted).
    func hasAttribute(_ name: String) -> Bool { attributes[name] != nil }

    /// The number-list attribute `name` (a list of integers is accepted); throws a diagnostic at
    /// the node if it is missing or of another kind.
    func numbersAttribute(_ name: String) throws -> [Double] {
        switch attributes[name] {
        case .floats(let values): return values
        case .ints(let values): return values.map(Double.init)
        default: throw error("attribute '\(name)' must be \(AttributeKind.floats), found \(attributes[name].map { $0.kind.description } ?? "nothing")")
        }
    }

    /// The string attribute `name`, which must be one of `allowed`; throws a diagnostic at the node otherwise.
    func choiceAttribute(_ name: String, _ allowed: [String]) throws -> String {
        let value = try stringAttribute(name)
        guard allowed.contains(value) else {
            throw error("attribute '\(name)' must be one of \(allowed.joined(separator: ", ")), found \"\(value)\"")
        }
        return value
    }

    /// The axis attribute `name` (negative counts from the end) normalized to `0..<rank`; throws
    /// a diagnostic at the node when it is out of range.
    func axisAttribute(_ name: String, rank: Int) throws -> Int {
        let given = try intAttribute(name)
        let axis = given < 0 ? given + rank : given
        guard axis >= 0 && axis < rank else { throw error("attribute '\(name)' = \(given) is out of range for rank \(rank)") }
        return axis
    }
}
