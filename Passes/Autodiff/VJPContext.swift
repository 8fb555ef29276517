import CNNIR

/// What a vector-Jacobian product rule sees of one forward node: its operands and results as
/// values, its attributes with defaults filled in, the gradients of its results, which operands
/// need a gradient, and an emitter for the nodes it appends.
struct VJPContext {
    /// The forward node.
    let node: Node
    /// The forward node's operands.
    let operands: [GraphValue]
    /// The forward node's results.
    let results: [GraphValue]
    /// The gradient of each result; nil where the loss does not depend on that result.
    let resultGradients: [GraphValue?]
    /// Whether each operand needs a gradient (it depends on a differentiated value).
    let needsGradient: [Bool]
    /// Appends nodes named after the forward node.
    let emitter: GradientEmitter
    /// The node's attributes with the schema's defaults.
    let attributes: [String: AttributeValue]

    /// The context of `node`, whose values are looked up in `builder`.
    init(node: Node, builder: GraphBuilder, resultGradients: [GraphValue?], needsGradient: [Bool], emitter: GradientEmitter) throws {
        self.node = node
        operands = try node.operands.map { name in
            guard let value = builder.value(named: name) else { throw node.error("operand %\(name) is not defined") }
            return value
        }
        results = node.results.map { GraphValue(name: $0.name, type: $0.type) }
        self.resultGradients = resultGradients
        self.needsGradient = needsGradient
        self.emitter = emitter
        attributes = try node.op.schema.resolve(node.attributes)
    }

    /// The gradient of the first result (the only one of most ops); throws when it is missing.
    var outputGradient: GraphValue {
        get throws {
            guard let gradient = resultGradients.first ?? nil else {
                throw Diagnostic("the gradient of the first result is needed but the loss does not depend on it")
            }
            return gradient
        }
    }

    /// Whether operand `index` exists and needs a gradient.
    func needs(_ index: Int) -> Bool { index < needsGradient.count && needsGradient[index] }

    /// The integer attribute `name`.
    func int(_ name: String) throws -> Int {
        guard case .int(let value)? = attributes[name] else { throw Diagnostic("attribute \(name) is not an integer") }
        return value
    }

    /// The integer-list attribute `name`.
    func ints(_ name: String) throws -> [Int] {
        guard case .ints(let value)? = attributes[name] else { throw Diagnostic("attribute \(name) is not a list of integers") }
        return value
    }

    /// The number attribute `name`.
    func float(_ name: String) throws -> Double {
        guard case .float(let value)? = attributes[name] else { throw Diagnostic("attribute \(name) is not a number") }
        return value
    }

    /// The boolean attribute `name`.
    func bool(_ name: String) throws -> Bool {
        guard case .bool(let value)? = attributes[name] else { throw Diagnostic("attribute \(name) is not a boolean") }
        return value
    }

    /// The string attribute `name`.
    func string(_ name: String) throws -> String {
        guard case .string(let value)? = attributes[name] else { throw Diagnostic("attribute \(name) is not a string") }
        return value
    }

    /// The attributes named `names`, as the node has them (defaults included), for a gradient op
    /// that takes the same attributes as the forward op.
    func forwarded(_ names: [String]) -> Attributes {
        var forwarded = Attributes()
        for name in names { if let value = attributes[name] { forwarded[name] = value } }
        return forwarded
    }
}
