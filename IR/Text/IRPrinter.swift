/// Prints a `Graph` in the canonical IR text format (see docs/IR.md).
///
/// The output is canonical: two-space indentation; the weights line, then parameters, then nodes,
/// each in order; attributes sorted by name; floats in Swift's shortest round-trip form; names
/// quoted only when they need to be. Parsing the output gives back an equal graph, and printing
/// that graph gives back the same text.
public enum IRPrinter {
    /// The text of `graph`, ending with a newline.
    public static func print(_ graph: Graph) -> String {
        var text = "graph " + TextSyntax.name(graph.name, sigil: "@") + "("
        text += graph.inputs.map { valueName($0.name) + ": " + type($0.type) }.joined(separator: ", ") + ")"
        let valueTypes = graph.valueTypes
        let resultTypes = graph.outputs.compactMap { valueTypes[$0] }
        if !resultTypes.isEmpty && resultTypes.count == graph.outputs.count {
            let types = resultTypes.map(type)
            text += " -> " + (types.count == 1 ? types[0] : "(" + types.joined(separator: ", ") + ")")
        }
        text += " {\n"
        if let weightsFile = graph.weightsFile {
            text += "  weights " + TextSyntax.quoted(weightsFile) + "\n"
        }
        for parameter in graph.parameters {
            text += "  " + valueName(parameter.name) + " = param " + type(parameter.type) + "\n"
        }
        for node in graph.nodes {
            text += "  " + statement(node) + "\n"
        }
        text += "  return " + graph.outputs.map(valueName).joined(separator: ", ") + "\n}\n"
        return text
    }

    /// One node: `%y = conv %x, %w {strides = [2,2]} : f32[1,64,112,112]`.
    static func statement(_ node: Node) -> String {
        var text = node.results.map { valueName($0.name) }.joined(separator: ", ") + " = " + node.op.rawValue
        if !node.operands.isEmpty {
            text += " " + node.operands.map(valueName).joined(separator: ", ")
        }
        if !node.attributes.isEmpty {
            let entries = node.attributes.sortedNames.compactMap { name in
                node.attributes[name].map { TextSyntax.identifierOrQuoted(name) + " = " + attributeValue($0) }
            }
            text += " {" + entries.joined(separator: ", ") + "}"
        }
        return text + " : " + node.results.map { type($0.type) }.joined(separator: ", ")
    }

    /// A type: `f32[1,3,224,224]`, `i64[N]`, `f32[]`.
    static func type(_ type: TensorType) -> String {
        let dimensions = type.shape.dimensions.map { dimension in
            switch dimension {
            case .fixed(let size): return String(size)
            case .named(let name): return TextSyntax.identifierOrQuoted(name)
            }
        }
        return type.dtype.rawValue + "[" + dimensions.joined(separator: ",") + "]"
    }

    /// A `%name`, quoted when needed.
    static func valueName(_ name: String) -> String {
        TextSyntax.name(name, sigil: "%")
    }

    /// An attribute value: `3`, `0.5`, `true`, `"nearest"`, `[1,1]`, `[0.5,2.0]`, `dense<...> : type`.
    static func attributeValue(_ value: AttributeValue) -> String {
        switch value {
        case .int(let value): return String(value)
        case .float(let value): return number(value)
        case .bool(let value): return value ? "true" : "false"
        case .string(let value): return TextSyntax.quoted(value)
        case .ints(let values): return "[" + values.map { String($0) }.joined(separator: ",") + "]"
        case .floats(let values): return "[" + values.map(number).joined(separator: ",") + "]"
        case .tensor(let literal): return dense(literal)
        }
    }

    /// A floating-point number that reads back as the same double and lexes as a float:
    /// `1.0`, `1e-05`, `inf`, `-inf`, `nan`.
    static func number(_ value: Double) -> String {
        value.isNaN ? "nan" : value.description
    }

    /// A dense literal: nested row-major lists following the shape, or one element when all of
    /// several elements are the same. The elements of a bool literal are written `true` and `false`.
    static func dense(_ literal: TensorLiteral) -> String {
        var elements: [String]
        switch literal.storage {
        case .floating(let values): elements = values.map(number)
        case .integer(let values): elements = values.map { String($0) }
        }
        if literal.type.dtype == .bool, let booleans = literal.booleans {
            elements = booleans.map { $0 ? "true" : "false" }
        }
        let body: String
        if elements.count > 1, let first = elements.first, elements.allSatisfy({ $0 == first }) {
            body = first
        } else if let sizes = literal.type.shape.fixedSizes, literal.type.shape.elementCount == elements.count {
            body = nested(elements[...], sizes: sizes[...])
        } else {
            body = "[" + elements.joined(separator: ",") + "]"
        }
        return "dense<" + body + "> : " + type(literal.type)
    }

    /// `elements` (row-major, as many as the sizes hold) nested in brackets following `sizes`.
    private static func nested(_ elements: ArraySlice<String>, sizes: ArraySlice<Int>) -> String {
        guard let outer = sizes.first else { return elements.first ?? "" }
        guard outer > 0 else { return "[]" }
        let stride = elements.count / outer
        let rows = (0..<outer).map { row in
            let start = elements.startIndex + row * stride
            return nested(elements[start..<start + stride], sizes: sizes.dropFirst())
        }
        return "[" + rows.joined(separator: ",") + "]"
    }
}
