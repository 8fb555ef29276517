import CNNIR

/// Reverse-mode automatic differentiation as a transformation of the IR.
///
/// `differentiate` appends to a graph the nodes that compute the gradient of a scalar loss with
/// respect to chosen values (usually the parameters): the nodes that lead from those values to
/// the loss are visited in reverse order, and each one's vector-Jacobian product rule
/// (`VJPRules`) turns the gradients of its results into gradients of its operands. A value used
/// by several nodes receives the sum of their contributions. The gradient computation is ordinary
/// IR, so it is verified, optimized, kernel-selected and memory-planned like any other graph.
///
/// ```swift
/// let result = try Differentiator.differentiate(graph, loss: "loss", withRespectTo: ["fc.weight", "fc.bias"])
/// result.graph            // the graph returning the loss, then one gradient per value
/// result.gradients["fc.weight"]   // the name of the value holding ∂loss/∂fc.weight
/// ```
public enum Differentiator {
    /// Differentiates `loss` (a scalar floating value of `graph`) with respect to `values` (graph
    /// inputs, parameters or node results, each floating and reaching the loss).
    ///
    /// `auto_pad` is resolved to explicit pads first. Every shape must be static (bind named dimensions such as the batch size first, with
    /// `Graph.binding`). The returned graph returns the loss followed by the gradients, in the
    /// order of `values`. Throws a `Diagnostic` naming the value or the node when the loss is not
    /// a scalar, a value does not reach the loss, or a node on the way has no gradient rule.
    public static func differentiate(_ original: Graph, loss: String, withRespectTo values: [String]) throws -> DifferentiatedGraph {
        let graph = try original.resolvingAutoPads()
        let types = graph.valueTypes
        guard let lossType = types[loss] else {
            throw Diagnostic("the loss %\(loss) is not a value of graph @\(graph.name)", at: graph.location)
        }
        guard lossType.dtype.isFloatingPoint, lossType.shape.elementCount == 1 else {
            throw Diagnostic("the loss %\(loss) must be a floating scalar, found \(lossType)", at: graph.location)
        }
        for value in values {
            guard let type = types[value] else {
                throw Diagnostic("%\(value) is not a value of graph @\(graph.name); gradients are taken with respect to its inputs, parameters or node results", at: graph.location)
            }
            guard type.dtype.isFloatingPoint else {
                throw Diagnostic("%\(value) is \(type); only floating values have gradients", at: graph.location)
            }
        }
        if let dynamic = firstValueWithNamedDimensions(graph) {
            throw Diagnostic("%\(dynamic.name) has the named dimensions of \(dynamic.type); bind them to sizes (Graph.binding) before differentiating", at: graph.location)
        }
        let path = GradientPath(graph: graph, from: Set(values), to: loss)
        for value in values where !path.reachesLoss(value) {
            throw Diagnostic("%\(value) does not affect the loss %\(loss), so it has no gradient", at: graph.location)
        }
        let builder = GraphBuilder(continuing: graph)
        var accumulator = GradientAccumulator()
        let emitter = GradientEmitter(builder: builder)
        accumulator.add(try emitter.constant(1, like: GraphValue(name: loss, type: lossType), scope: loss, role: "seed"), to: loss)
        for node in graph.nodes.reversed() where path.contains(node) {
            let resultGradients = try node.results.map { try accumulator.total(of: $0.name, emitter: emitter) }
            guard resultGradients.contains(where: { $0 != nil }) else { continue }
            guard let rule = VJPRules.rule(for: node.op) else {
                throw node.error("\(node.op.rawValue) has no gradient rule, so the loss cannot be differentiated through it")
            }
            let context = try VJPContext(node: node, builder: builder, resultGradients: resultGradients,
                                         needsGradient: node.operands.map { path.isActive($0) && (types[$0]?.dtype.isFloatingPoint ?? false) },
                                         emitter: emitter.scoped(to: node.name))
            let operandGradients: [GraphValue?]
            do {
                operandGradients = try rule(context)
            } catch let diagnostic as Diagnostic {
                throw diagnostic.attributed(to: node.location, node: node.name, op: node.op.rawValue)
            }
            for (index, gradient) in operandGradients.enumerated() where context.needsGradient[index] {
                if let gradient { accumulator.add(gradient, to: node.operands[index]) }
            }
        }
        var gradients: [String: String] = [:]
        var outputs = [GraphValue(name: loss, type: lossType)]
        for value in values {
            guard let gradient = try accumulator.total(of: value, emitter: emitter) else {
                throw Diagnostic("%\(value) does not affect the loss %\(loss), so it has no gradient", at: graph.location)
            }
            gradients[value] = gradient.name
            outputs.append(gradient)
        }
        try builder.setOutputs(outputs)
        return DifferentiatedGraph(graph: try builder.build(), loss: loss, gradients: gradients)
    }

    /// The parameters to train for `loss`: every floating parameter that reaches it, in
    /// declaration order, except those used only as the running statistics of a batch
    /// normalization (which are updated, not trained, and have no gradient).
    public static func parameters(of graph: Graph, reaching loss: String) -> [String] {
        var statistics = Set<String>(), otherUses = Set<String>()
        for node in graph.nodes {
            for (index, operand) in node.operands.enumerated() {
                if (node.op == .batchNorm || node.op == .batchNormTrain) && index >= 3 {
                    statistics.insert(operand)
                } else {
                    otherUses.insert(operand)
                }
            }
        }
        let trainable = graph.parameters.filter { $0.type.dtype.isFloatingPoint && !statistics.subtracting(otherUses).contains($0.name) }
        let names = trainable.map(\.name)
        let path = GradientPath(graph: graph, from: Set(names), to: loss)
        return names.filter(path.reachesLoss)
    }

    /// The first input, parameter or node result whose shape has a named dimension.
    private static func firstValueWithNamedDimensions(_ graph: Graph) -> ValueDeclaration? {
        let declarations = graph.inputs + graph.parameters + graph.nodes.flatMap(\.results)
        return declarations.first { $0.type.shape.elementCount == nil }
    }
}

/// A graph extended with gradient computations: it returns the loss, then the gradients.
public struct DifferentiatedGraph: Sendable {
    /// The graph returning the loss followed by the gradients.
    public var graph: Graph
    /// The name of the loss value.
    public var loss: String
    /// For each value differentiated with respect to, the name of the value holding its gradient.
    public var gradients: [String: String]
}
