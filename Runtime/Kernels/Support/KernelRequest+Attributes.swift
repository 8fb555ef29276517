import CNNIR

extension KernelRequest {
    /// Whether every operand and result is f32 (the only element type fast kernels handle).
    var isFloat32Only: Bool {
        (operandTypes + resultTypes).allSatisfy { $0.dtype == .f32 }
    }

    /// A diagnostic located at the request's node.
    func error(_ message: String) -> Diagnostic {
        node.error(message)
    }

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

    /// The diagnostic for an attribute of the wrong kind.
    private func mismatch(_ name: String, _ expected: AttributeKind) -> Diagnostic {
        error("attribute '\(name)' must be \(expected), found \(attributes[name].map { $0.kind.description } ?? "nothing")")
    }
}
