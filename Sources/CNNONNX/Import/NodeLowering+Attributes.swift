import CNNIR

/// Typed access to an ONNX node's attributes; a value of the wrong type is a `Diagnostic`.
extension NodeLowering {
    /// The attribute named `name`, if the node has it.
    func attribute(_ name: String) -> AttributeProto? {
        node.attribute.last { $0.name == name }
    }

    /// Whether the node has the attribute `name`.
    func hasAttribute(_ name: String) -> Bool { attribute(name) != nil }

    /// An INT attribute, or nil when absent.
    func int(_ name: String) throws -> Int? {
        guard let attribute = try typed(name, .int) else { return nil }
        return Int(attribute.i)
    }

    /// An INT attribute, or `defaultValue`.
    func int(_ name: String, default defaultValue: Int) throws -> Int {
        try int(name) ?? defaultValue
    }

    /// A FLOAT attribute (as a Double), or `defaultValue`.
    func float(_ name: String, default defaultValue: Double) throws -> Double {
        guard let attribute = try typed(name, .float) else { return defaultValue }
        return Double(attribute.f)
    }

    /// An INTS attribute, or nil when absent.
    func ints(_ name: String) throws -> [Int]? {
        guard let attribute = try typed(name, .ints) else { return nil }
        return attribute.ints.map { Int($0) }
    }

    /// A FLOATS attribute (as Doubles), or nil when absent.
    func floats(_ name: String) throws -> [Double]? {
        guard let attribute = try typed(name, .floats) else { return nil }
        return attribute.floats.map { Double($0) }
    }

    /// A STRING attribute, or `defaultValue`.
    func string(_ name: String, default defaultValue: String) throws -> String {
        guard let attribute = try typed(name, .string) else { return defaultValue }
        guard let text = String(validating: attribute.s, as: UTF8.self) else {
            throw error("attribute '\(name)' is not valid UTF-8")
        }
        return text
    }

    /// A TENSOR attribute, or nil when absent.
    func tensor(_ name: String) throws -> TensorProto? {
        guard let attribute = try typed(name, .tensor) else { return nil }
        guard let tensor = attribute.t else { throw error("attribute '\(name)' holds no tensor") }
        return tensor
    }

    /// The attribute `name` when its type is `type` (an UNDEFINED type is taken on trust, as older
    /// files leave it out); nil when absent; throws a `Diagnostic` for another type.
    private func typed(_ name: String, _ type: AttributeProto.AttributeType) throws -> AttributeProto? {
        guard let attribute = attribute(name) else { return nil }
        guard attribute.type == type || attribute.type == .undefined else {
            throw error("attribute '\(name)' must be \(type), found \(attribute.type)")
        }
        return attribute
    }
}
