/// The mean over all spatial positions: [N, C, H, W] → [N, C, 1, 1].
public struct GlobalAveragePool: Layer {
    /// Creates the layer.
    public init() {}

    public var kind: String { "global_pool" }

    /// Adds the `global_avg_pool` node called `name`.
    public func apply(_ x: GraphValue, in b: GraphBuilder, name: String) throws -> GraphValue {
        try b.globalAvgPool(x, name: name)
    }
}
