import CNNIR

/// Gives a model the batch size of a training step.
enum Rebatching {
    /// `graph` with the first axis of its first input set to `batch`: a named batch dimension is
    /// bound; a fixed one is replaced and every node's result type inferred again. Throws a
    /// `Diagnostic` at the node whose attributes fix the old batch size (such as a reshape to
    /// [1, 400]).
    static func rebatched(_ graph: Graph, batch: Int) throws -> Graph {
        guard let first = graph.inputs.first, let leading = first.type.shape.dimensions.first else {
            throw Diagnostic("the model @\(graph.name) has no batched input (an input of shape [N, …])", at: graph.location)
        }
        if case .named(let name) = leading { return graph.binding([name: batch]) }
        guard leading.fixedValue != batch else { return graph }
        let builder = GraphBuilder(name: graph.name)
        for input in graph.inputs {
            var type = input.type
            if input.name == first.name { type.shape.dimensions[0] = .fixed(batch) }
            _ = try builder.input(input.name, type)
        }
        for parameter in graph.parameters { _ = try builder.parameter(parameter.name, parameter.type) }
        try replay(graph.nodes, into: builder)
        for output in graph.outputs {
            guard let value = builder.value(named: output) else { throw Diagnostic("the model returns %\(output), which is never defined") }
            try builder.output(value)
        }
        if let weights = graph.weightsFile { builder.weights(weights) }
        return try builder.build()
    }

    /// Appends `nodes` to `builder` as they are, their result types inferred anew.
    static func replay(_ nodes: [Node], into builder: GraphBuilder) throws {
        for node in nodes {
            let operands = try node.operands.map { name in
                guard let value = builder.value(named: name) else { throw node.error("operand %\(name) is not defined before this node") }
                return value
            }
            do {
                _ = try builder.apply(node.op, operands, node.attributes, resultCount: node.results.count, names: node.results.map(\.name))
            } catch let diagnostic as Diagnostic {
                throw diagnostic.attributed(to: node.location, node: node.name, op: node.op.rawValue)
            }
        }
    }
}
