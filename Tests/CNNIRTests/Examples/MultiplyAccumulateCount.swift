import CNNIR

/// The multiply-accumulates of a graph by the rule of the op set: conv = output elements ·
/// (C_in/groups) · Π(kernel), i.e. output elements times the product of the weight's dimensions
/// after the first; gemm = M·N·K; every other op 0 (the example models use no other op with MACs).
enum MultiplyAccumulateCount {
    /// The total over every node of `graph`, or `nil` when a shape is not static.
    static func of(_ graph: Graph) -> Int? {
        let types = graph.valueTypes
        var total = 0
        for node in graph.nodes {
            guard let output = node.results.first?.type.shape.elementCount else { return nil }
            switch node.op {
            case .conv:
                guard let weight = types[node.operands[1]]?.shape.fixedSizes else { return nil }
                total += output * weight.dropFirst().reduce(1, *)
            case .gemm:
                guard let a = types[node.operands[0]]?.shape.fixedSizes, a.count == 2 else { return nil }
                let transposed = node.attributes["trans_a"] == .bool(true)
                total += output * (transposed ? a[0] : a[1])
            default:
                continue
            }
        }
        return total
    }
}
