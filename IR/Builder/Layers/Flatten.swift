/// Flattens [N, C, H, W] (or any rank) to [N, C·H·W]: the axes before `axis` form the rows.
public struct Flatten: Layer {
    /// The first axis of the columns.
    public var axis: Int

    /// Creates a flatten layer.
    public init(axis: Int = 1) { self.axis = axis }

    public var kind: String { "flatten" }

    /// Adds the `flatten` node called `name`.
    public func apply(_ x: GraphValue, in b: GraphBuilder, name: String) throws -> GraphValue {
        try b.flatten(x, axis: axis, name: name)
    }
}
