/// Layers applied one after another, each named inside the sequence.
///
/// Names are fixed when the sequence is made: `Sequential([...])` numbers each layer by kind
/// (`conv1`, `bn1`, `conv2`, `relu1`, …), `Sequential(numbered:)` by position (`0`, `1`, … as in
/// PyTorch's `nn.Sequential`), and `Sequential(named:)` takes the names given. Applied with the
/// name `layer1`, the children become `layer1.conv1`, …; with the empty name, `conv1`, ….
public struct Sequential: Layer {
    /// One named layer of the sequence.
    public struct Entry: Sendable {
        /// The layer's name inside the sequence.
        public var name: String
        /// The layer.
        public var layer: any Layer
    }

    /// The layers, in order.
    public var entries: [Entry]

    /// Layers named by kind and count: `conv1`, `conv2`, `bn1`, ….
    public init(_ layers: [any Layer]) {
        var counts: [String: Int] = [:]
        entries = layers.map { layer in
            counts[layer.kind, default: 0] += 1
            return Entry(name: layer.kind + String(counts[layer.kind, default: 0]), layer: layer)
        }
    }

    /// Layers named by position: `0`, `1`, ….
    public init(numbered layers: [any Layer]) {
        entries = layers.enumerated().map { Entry(name: String($0.offset), layer: $0.element) }
    }

    /// Layers with the names given.
    public init(named layers: [(String, any Layer)]) {
        entries = layers.map { Entry(name: $0.0, layer: $0.1) }
    }

    public var kind: String { "sequential" }

    /// Applies every layer in order, naming each `name.child` (or `child` when `name` is empty).
    public func apply(_ x: GraphValue, in b: GraphBuilder, name: String) throws -> GraphValue {
        var value = x
        for entry in entries {
            value = try entry.layer.apply(value, in: b, name: childName(name, entry.name))
        }
        return value
    }

    /// A complete graph: input `inputName` of type `input`, these layers (named without prefix),
    /// and their output; the parameters live in `weightsFile`. Verified before it is returned.
    public func graph(named graphName: String, input: TensorType, inputName: String = "x",
                      weightsFile: String? = nil) throws -> Graph {
        let b = GraphBuilder(name: graphName)
        let x = try b.input(inputName, input)
        try b.output(apply(x, in: b, name: ""))
        if let weightsFile { b.weights(weightsFile) }
        return try b.build()
    }
}
