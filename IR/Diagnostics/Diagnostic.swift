/// A problem found in a user's model: where it is, which node it concerns, and what was expected.
///
/// Every error a user can cause in cnnc is thrown as a `Diagnostic` (or a `DiagnosticList` when
/// several are reported at once); its description is one line of the form
/// `file:line:column: error: node %name (op): message`.
public struct Diagnostic: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where the problem is, when it is known.
    public var location: SourceLocation?
    /// The value name (without `%`) of the node concerned, when there is one.
    public var node: String?
    /// The op of the node concerned, when there is one.
    public var op: String?
    /// What was expected and what was found.
    public var message: String

    /// Creates a diagnostic.
    public init(_ message: String, at location: SourceLocation? = nil, node: String? = nil, op: String? = nil) {
        self.message = message
        self.location = location
        self.node = node
        self.op = op
    }

    /// This diagnostic, with the location and node filled in where they are missing.
    public func attributed(to location: SourceLocation?, node: String?, op: String?) -> Diagnostic {
        var copy = self
        if copy.location == nil { copy.location = location }
        if copy.node == nil { copy.node = node }
        if copy.op == nil { copy.op = op }
        return copy
    }

    public var description: String {
        var text = ""
        if let location { text += "\(location): " }
        text += "error: "
        if let node {
            text += "node %\(node)"
            if let op { text += " (\(op))" }
            text += ": "
        } else if let op {
            text += "\(op): "
        }
        return text + message
    }

    /// Two diagnostics are equal when they read the same.
    public static func == (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        lhs.description == rhs.description
    }
}

/// Several diagnostics reported together (for example every unsupported op of a model at once).
public struct DiagnosticList: Error, Sendable, CustomStringConvertible {
    /// The diagnostics, in the order they were found.
    public var diagnostics: [Diagnostic]

    /// Creates a list; it should not be empty.
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    /// One line per diagnostic.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
