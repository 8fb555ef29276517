import CNNIR

extension KernelRequest {
    /// A diagnostic located at the request's node.
    func error(_ message: String) -> Diagnostic {
        node.error(message)
    }

    /// Whether the op has attribute `name` at all (given or defaulted).
    func hasAttribute(_ name: String) -> Bool { attributes[name] != nil }

    /// The integer attribute `name`; throws a diagnostic at the node if it is missing or of another kind.
    func intAttribute(_ name: String) throws -> Int {
        guard case .int(let value) = try attribute(name) else { throw mismatch(name, .int) }
        return value
    }

    /// The number attribute `name` (an integer is accepted); throws a diagnostic at the node if
    /// it is missing or of another kind.
    func doubleAttribute(_ name: String) throws -> Double {
        switch try attribute(name) {
        case .float(let value): return value
        case .int(let value): return Double(value)
        default: throw mismatch(name, .float)
        }
    }

    /// The boolean attribute `name`; throws a diagnostic at the node if it is missing or of another kind.
    func boolAttribute(_ name: String) throws -> Bool {
        guard case .bool(let value) = try attribute(name) else { throw mismatch(name, .bool) }
        return value
    }

    /// The string attribute `name`; throws a diagnostic at the node if it is missing or of another kind.
    func stringAttribute(_ name: String) throws -> String {
        guard case .string(let value) = try attribute(name) else { throw mismatch(name, .string) }
        return value
    }

    /// The integer-list attribute `name` (an empty list of numbers is accepted); throws a
    /// diagnostic at the node if it is missing or of another kind.
    func intsAttribute(_ name: String) throws -> [Int] {
        switch try attribute(name) {
        case .ints(let values): return values
        case .floats(let values) where values.isEmpty: return []
        default: throw mismatch(name, .ints)
        }
    }

    /// The number-list attribute `name` (a list of integers is accepted); throws a diagnostic at
    /// the node if it is missing or of another kind.
    func numbersAttribute(_ name: String) throws -> [Double] {
        switch attributes[name] {
        case .floats(let values): return values
        case .ints(let values): return values.map(Double.init)
        default: throw mismatch(name, .floats)
        }
    }

    /// The string attribute `name`, which must be one of `allowed`; throws a diagnostic at the node otherwise.
    func choiceAttribute(_ name: String, _ allowed: [String]) throws -> String {
        let value = try stringAttribute(name)
        guard allowed.contains(value) else { throw notOneOf(name, allowed, found: value) }
        return value
    }

    /// The string attribute `name` as a case of `Choice` (spelled as its raw value); throws a
    /// diagnostic at the node naming every case otherwise.
    func choiceAttribute<Choice: RawRepresentable & CaseIterable>(_ name: String, as choice: Choice.Type) throws -> Choice
    where Choice.RawValue == String {
        let value = try stringAttribute(name)
        guard let chosen = Choice(rawValue: value) else { throw notOneOf(name, Choice.allCases.map(\.rawValue), found: value) }
        return chosen
    }

    /// The axis attribute `name` (negative counts from the end) normalized to `0..<rank`; throws
    /// a diagnostic at the node when it is out of range.
    func axisAttribute(_ name: String, rank: Int) throws -> Int {
        let given = try intAttribute(name)
        let axis = given < 0 ? given + rank : given
        guard axis >= 0 && axis < rank else { throw error("attribute '\(name)' = \(given) is out of range for rank \(rank)") }
        return axis
    }

    /// A per-axis list attribute of a windowed op: `count` values, or `defaultValue` on every
    /// axis when the list is empty. Throws a diagnostic at the node for another length or a
    /// value below `minimum`.
    func axisListAttribute(_ name: String, count: Int, default defaultValue: Int, minimum: Int) throws -> [Int] {
        let values = try intsAttribute(name)
        if values.isEmpty { return Array(repeating: defaultValue, count: count) }
        guard values.count == count, values.allSatisfy({ $0 >= minimum }) else {
            throw error("attribute '\(name)' must have \(count) values of at least \(minimum), found \(values)")
        }
        return values
    }

    /// The attribute `name`, which the request's resolved attributes must hold.
    private func attribute(_ name: String) throws -> AttributeValue {
        guard let value = attributes[name] else { throw error("missing attribute '\(name)'") }
        return value
    }

    /// The diagnostic for a string attribute outside its allowed values.
    private func notOneOf(_ name: String, _ allowed: [String], found value: String) -> Diagnostic {
        error("attribute '\(name)' must be one of \(allowed.joined(separator: ", ")), found \"\(value)\"")
    }

    /// The diagnostic for an attribute of the wrong kind.
    private func mismatch(_ name: String, _ expected: AttributeKind) -> Diagnostic {
        error("attribute '\(name)' must be \(expected), found \(attributes[name].map { $0.kind.description } ?? "nothing")")
    }
}
