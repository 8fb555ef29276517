extension InferenceContext {
    /// The operand at `index`, or a diagnostic naming the missing operand.
    func operand(_ index: Int, _ name: String) throws -> TensorType {
        guard index < operands.count else { throw Diagnostic("missing operand \(name) (operand \(index + 1))") }
        return operands[index]
    }

    /// The operand at `index` if the node has one there (for optional operands).
    func optionalOperand(_ index: Int) -> TensorType? {
        index < operands.count ? operands[index] : nil
    }

    /// Whether the op declares (and so the context holds) the attribute.
    func has(_ name: String) -> Bool { attributes[name] != nil }

    /// The integer attribute `name`.
    func int(_ name: String) throws -> Int {
        try value(name, .int) { if case .int(let value) = $0 { return value } else { return nil } }
    }

    /// The integer-list attribute `name`.
    func ints(_ name: String) throws -> [Int] {
        try value(name, .ints) { if case .ints(let values) = $0 { return values } else { return nil } }
    }

    /// The number attribute `name`.
    func float(_ name: String) throws -> Double {
        try value(name, .float) { if case .float(let value) = $0 { return value } else { return nil } }
    }

    /// The number-list attribute `name`.
    func floats(_ name: String) throws -> [Double] {
        try value(name, .floats) { if case .floats(let values) = $0 { return values } else { return nil } }
    }

    /// The boolean attribute `name`.
    func bool(_ name: String) throws -> Bool {
        try value(name, .bool) { if case .bool(let value) = $0 { return value } else { return nil } }
    }

    /// The string attribute `name`.
    func string(_ name: String) throws -> String {
        try value(name, .string) { if case .string(let value) = $0 { return value } else { return nil } }
    }

    /// The tensor-literal attribute `name`.
    func tensor(_ name: String) throws -> TensorLiteral {
        try value(name, .tensor) { if case .tensor(let value) = $0 { return value } else { return nil } }
    }

    /// The string attribute `name`, which must be one of the cases of `Choice`.
    func choice<Choice: RawRepresentable & CaseIterable>(_ name: String, as _: Choice.Type) throws -> Choice
    where Choice.RawValue == String {
        let text = try string(name)
        guard let choice = Choice(rawValue: text) else {
            let allowed = Choice.allCases.map(\.rawValue).joined(separator: ", ")
            throw Diagnostic("\(name) must be one of \(allowed); found \"\(text)\"")
        }
        return choice
    }

    /// The attribute `name` converted to `kind`, passed through `extract`.
    private func value<T>(_ name: String, _ kind: AttributeKind, _ extract: (AttributeValue) -> T?) throws -> T {
        guard let raw = attributes[name] else { throw Diagnostic("missing required attribute '\(name)' (\(kind))") }
        guard let converted = raw.converted(to: kind), let value = extract(converted) else {
            throw Diagnostic("attribute '\(name)' must be \(kind), found \(raw.kind.description)")
        }
        return value
    }
}
