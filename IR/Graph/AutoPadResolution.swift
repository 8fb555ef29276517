extension Graph {
    /// This graph with `auto_pad` on every conv, conv_transpose, max_pool and avg_pool replaced
    /// by the explicit `pads` it stands for (ONNX rules, from the operand types).
    ///
    /// Nodes whose operands are not defined are left as they are (the verifier reports them);
    /// a node whose pads cannot be resolved throws a `Diagnostic` located at the node.
    public func resolvingAutoPads() throws -> Graph {
        var types: [String: TensorType] = [:]
        for value in inputs + parameters { types[value.name] = value.type }
        var resolved = self
        for (index, node) in nodes.enumerated() {
            defer { for result in node.results { types[result.name] = result.type } }
            guard let autoPad = node.attributes["auto_pad"], autoPad != .string(AutoPad.notset.rawValue) else { continue }
            let operandTypes = node.operands.compactMap { types[$0] }
            guard operandTypes.count == node.operands.count else { continue }
            do {
                guard let pads = try Self.explicitPads(of: node, operandTypes: operandTypes) else { continue }
                resolved.nodes[index].attributes["auto_pad"] = nil
                resolved.nodes[index].attributes["pads"] = pads.allSatisfy { $0 == 0 } ? nil : .ints(pads)
            } catch let diagnostic as Diagnostic {
                throw diagnostic.attributed(to: node.location, node: node.name, op: node.op.rawValue)
            }
        }
        return resolved
    }

    /// The pads `node`'s window resolves to, or `nil` for an op without a window.
    private static func explicitPads(of node: Node, operandTypes: [TensorType]) throws -> [Int]? {
        let schema = node.op.schema
        let context = InferenceContext(op: node.op, operands: operandTypes, attributes: try schema.resolve(node.attributes))
        switch node.op {
        case .conv: return try ConvolutionOps.window(context, transposed: false).pads
        case .convTranspose: return try ConvolutionOps.window(context, transposed: true).pads
        case .maxPool, .avgPool: return try PoolingOps.window(context).pads
        default: return nil
        }
    }
}
