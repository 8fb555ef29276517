import CNNIR

/// A layer applied to one input and built into a verified graph, for inspecting what it emits.
struct LayerLowering {
    let graph: Graph
    let output: GraphValue

    /// Applies `layer` named `name` to an input `x` of `input` and builds the graph.
    init(_ layer: any Layer, input: TensorType, name: String = "l") throws {
        let b = GraphBuilder(name: "layer")
        let x = try b.input("x", input)
        output = try layer.apply(x, in: b, name: name)
        try b.output(output)
        graph = try b.build()
    }

    /// The ops of the nodes, in order.
    var ops: [OpKind] { graph.nodes.map(\.op) }

    /// The node names, in order.
    var names: [String] { graph.nodes.map(\.name) }

    /// The parameters as `name: type` text, in order.
    var parameters: [String] { graph.parameters.map { "\($0.name): \($0.type)" } }

    /// The node called `name`.
    func node(_ name: String) -> Node? { graph.nodes.first { $0.name == name } }
}
