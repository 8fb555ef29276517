/// A residual connection: `activation(body(x) + shortcut(x))`, the shortcut being the identity
/// when none is given.
///
/// The body and the shortcut are applied with the residual's own name as prefix (so a body
/// `Sequential(named: [("conv1", …)])` in `layer1.0` gives `layer1.0.conv1`); the sum is node
/// `name.add` and the activation `name.<kind>` (`layer1.0.relu`).
public struct Residual: Layer {
    /// The main path.
    public var body: any Layer
    /// The projection path; `nil` for the identity.
    public var shortcut: (any Layer)?
    /// The activation applied after the sum.
    public var activation: Activation

    /// Creates a residual connection.
    public init(body: any Layer, shortcut: (any Layer)? = nil, activation: Activation = .none) {
        self.body = body
        self.shortcut = shortcut
        self.activation = activation
    }

    public var kind: String { "residual" }

    /// Adds the body, the shortcut, the `add` node and the activation.
    public func apply(_ x: GraphValue, in b: GraphBuilder, name: String) throws -> GraphValue {
        let main = try body.apply(x, in: b, name: name)
        let skip = try shortcut?.apply(x, in: b, name: name) ?? x
        let sum = try b.add(main, skip, name: childName(name, "add"))
        return try activation.follow(sum, in: b, layerName: name)
    }
}
