/// Dropout: identity at inference, drops a `rate` of the values in training.
public struct Dropout: Layer {
    /// The fraction of values dropped in training.
    public var rate: Double

    /// Creates a dropout layer.
    public init(rate: Double = 0.5) { self.rate = rate }

    public var kind: String { "dropout" }

    /// Adds the `dropout` node called `name`.
    public func apply(_ x: GraphValue, in b: GraphBuilder, name: String) throws -> GraphValue {
        try b.dropout(x, ratio: rate, name: name)
    }
}
