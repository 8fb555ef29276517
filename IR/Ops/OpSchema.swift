/// One operand position of an op.
public struct OperandSpec: Sendable {
    /// The operand's name in documentation and messages (`x`, `weight`, `bias`).
    public var name: String
    /// Whether the operand may be left out. Optional operands are trailing, except that a schema
    /// with a single optional operand may list required ones after it (the gradient ops' `dloss`
    /// comes last, after the forward op's optional weights): the operand count says whether it is there.
    public var isOptional: Bool
    /// Whether the operand takes any number (≥ 1) of values (only the last operand may).
    public var isVariadic: Bool

    /// A required operand.
    public static func required(_ name: String) -> OperandSpec { OperandSpec(name: name, isOptional: false, isVariadic: false) }
    /// An operand that may be left out.
    public static func optional(_ name: String) -> OperandSpec { OperandSpec(name: name, isOptional: true, isVariadic: false) }
    /// One or more operands.
    public static func variadic(_ name: String) -> OperandSpec { OperandSpec(name: name, isOptional: false, isVariadic: true) }
}

/// One attribute an op accepts: its name, kind, and default (`nil` for a required attribute).
public struct AttributeSpec: Sendable {
    /// The attribute's name in the text format.
    public var name: String
    /// The kind of value it takes.
    public var kind: AttributeKind
    /// The value used when the attribute is absent; `nil` means the attribute is required.
    public var defaultValue: AttributeValue?
    /// One line for the docs: what the attribute means.
    public var summary: String

    /// Creates an attribute spec.
    public init(_ name: String, _ kind: AttributeKind, default defaultValue: AttributeValue?, _ summary: String) {
        self.name = name
        self.kind = kind
        self.defaultValue = defaultValue
        self.summary = summary
    }
}

/// What a shape rule sees: the operand types, the attributes with defaults filled in, and how
/// many results the node declares.
public struct InferenceContext: Sendable {
    /// The op being inferred.
    public var op: OpKind
    /// The operand types, in order.
    public var operands: [TensorType]
    /// Every attribute of the schema, given or defaulted (required ones are present).
    public var attributes: [String: AttributeValue]
    /// The number of results the node declares.
    public var resultCount: Int

    /// Creates a context.
    public init(op: OpKind, operands: [TensorType], attributes: [String: AttributeValue], resultCount: Int = 1) {
        self.op = op
        self.operands = operands
        self.attributes = attributes
        self.resultCount = resultCount
    }
}

/// The declarative definition of one op: operands, attributes with defaults, the shape and type
/// rule, and a line of documentation. `OpKind.schema` returns it.
public struct OpSchema: Sendable {
    /// The op.
    public var kind: OpKind
    /// One line for the docs.
    public var summary: String
    /// The operands, in order.
    public var operands: [OperandSpec]
    /// The attributes the op accepts.
    public var attributes: [AttributeSpec]
    /// Computes the result types from the operand types and attributes; throws a `Diagnostic`
    /// (without location: the caller adds it) when the operands or attributes do not fit.
    public var inferTypes: @Sendable (InferenceContext) throws -> [TensorType]

    /// Creates a schema.
    public init(_ kind: OpKind, _ summary: String, operands: [OperandSpec], attributes: [AttributeSpec] = [],
                inferTypes: @escaping @Sendable (InferenceContext) throws -> [TensorType]) {
        self.kind = kind
        self.summary = summary
        self.operands = operands
        self.attributes = attributes
        self.inferTypes = inferTypes
    }

    /// The spec of the named attribute, if the op has one.
    public func attribute(named name: String) -> AttributeSpec? {
        attributes.first { $0.name == name }
    }

    /// The canonical form of `given`: every name known to the schema, every value converted to the
    /// declared kind, and attributes equal to their default dropped.
    ///
    /// Throws a `Diagnostic` naming the attribute for an unknown name or a value of the wrong kind.
    public func normalize(_ given: Attributes) throws -> Attributes {
        var result = Attributes()
        for name in given.sortedNames {
            guard let value = given[name] else { continue }
            guard let spec = attribute(named: name) else {
                let known = attributes.map(\.name)
                let hint = known.isEmpty ? "it takes no attributes" : "known attributes: " + known.joined(separator: ", ")
                throw Diagnostic("unknown attribute '\(name)' for \(kind); \(hint)")
            }
            guard let converted = value.converted(to: spec.kind) else {
                throw Diagnostic("attribute '\(name)' of \(kind) must be \(spec.kind), found \(value.kind.description)")
            }
            if converted.containsNaN {
                throw Diagnostic("attribute '\(name)' of \(kind) must be a number, found nan")
            }
            if converted != spec.defaultValue { result[name] = converted }
        }
        return result
    }

    /// Every attribute of the schema with the given values, or defaults where absent. Throws a
    /// `Diagnostic` when a required attribute is missing.
    public func resolve(_ given: Attributes) throws -> [String: AttributeValue] {
        var resolved: [String: AttributeValue] = [:]
        for spec in attributes {
            if let value = given[spec.name] {
                resolved[spec.name] = value.converted(to: spec.kind) ?? value
            } else if let value = spec.defaultValue {
                resolved[spec.name] = value
            } else {
                throw Diagnostic("missing required attribute '\(spec.name)' (\(spec.kind))")
            }
        }
        return resolved
    }

    /// Whether `count` operands fit this op's operand list.
    public func acceptsOperandCount(_ count: Int) -> Bool {
        let required = operands.filter { !$0.isOptional }.count
        if operands.last?.isVariadic == true { return count >= required }
        return count >= required && count <= operands.count
    }
}
