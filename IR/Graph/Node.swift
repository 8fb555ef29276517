/// A named, typed SSA value produced by a node or declared by the graph.
public struct ValueDeclaration: Equatable, Sendable {
    /// The name without the leading `%`.
    public var name: String
    /// The value's type.
    public var type: TensorType
    /// Where the value is declared, if it came from text.
    public var location: SourceLocation?

    /// Creates a declaration.
    public init(name: String, type: TensorType, location: SourceLocation? = nil) {
        self.name = name
        self.type = type
        self.location = location
    }

    /// Equality ignores the source location.
    public static func == (lhs: ValueDeclaration, rhs: ValueDeclaration) -> Bool {
        lhs.name == rhs.name && lhs.type == rhs.type
    }
}

/// One operation of a graph: `%y = conv %x, %w, %b {strides = [2,2]} : f32[1,64,112,112]`.
///
/// Nodes are in SSA form: each result is a new value, and operands name values defined earlier
/// (graph inputs, parameters, or results of earlier nodes).
public struct Node: Equatable, Sendable {
    /// The op, one of `OpKind`.
    public var op: OpKind
    /// The operand value names, without `%`.
    public var operands: [String]
    /// The attributes that differ from the op's defaults.
    public var attributes: Attributes
    /// The values this node defines, with their types.
    public var results: [ValueDeclaration]
    /// Where the node is written, if it came from text.
    public var location: SourceLocation?

    /// Creates a node.
    public init(op: OpKind, operands: [String], attributes: Attributes = Attributes(),
                results: [ValueDeclaration], location: SourceLocation? = nil) {
        self.op = op
        self.operands = operands
        self.attributes = attributes
        self.results = results
        self.location = location
    }

    /// The name of the node: the name of its first result.
    public var name: String { results.first?.name ?? "" }

    /// A diagnostic located at this node.
    public func error(_ message: String) -> Diagnostic {
        Diagnostic(message, at: location, node: name, op: op.rawValue)
    }

    /// Equality ignores the source location.
    public static func == (lhs: Node, rhs: Node) -> Bool {
        lhs.op == rhs.op && lhs.operands == rhs.operands && lhs.attributes == rhs.attributes
            && lhs.results == rhs.results
    }
}
