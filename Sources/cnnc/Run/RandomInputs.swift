import CNNIR
import CNNRuntime

/// Seeded random values for graph inputs, so that a model can be run or timed without data.
///
/// Floating inputs are uniform in [-1, 1]. An i64 input used as the labels of
/// `softmax_cross_entropy` or `hinge` gets class indices uniform in [0, C), C being the number of
/// columns of the scores it is compared with; any other i64 input is all zeros. The same seed
/// gives the same values on every machine.
enum RandomInputs {
    /// Random values for `declaration`, an input of `graph` with a static shape; throws a
    /// `Diagnostic` naming the unbound dimensions otherwise.
    static func tensor(for declaration: ValueDeclaration, in graph: Graph, using generator: inout SeededGenerator) throws -> Tensor {
        guard let shape = declaration.type.shape.fixedSizes else {
            let names = declaration.type.shape.symbolNames
            let fix = names.map { "--set \($0)=SIZE" }.joined(separator: " ")
            throw Diagnostic("input %\(declaration.name): \(declaration.type) has the unbound dimension\(names.count == 1 ? "" : "s") \(names.joined(separator: ", ")); bind with \(fix) to fill it with random values",
                             at: declaration.location)
        }
        let type = declaration.type
        guard type.dtype == .i64 else {
            return try Tensor.random(shape: shape, dtype: type.dtype, distribution: .uniform(-1...1), using: &generator)
        }
        guard let classes = classCount(ofLabels: declaration.name, in: graph) else {
            return try Tensor.zeros(shape: shape, dtype: .i64)
        }
        return try Tensor.random(shape: shape, dtype: .i64, distribution: .uniform(0...Double(classes - 1)), using: &generator)
    }

    /// The number of classes C of the first loss that takes `name` as its labels: the size of the
    /// last axis of its scores operand, when that is a fixed size of at least 1.
    static func classCount(ofLabels name: String, in graph: Graph) -> Int? {
        let types = graph.valueTypes
        for node in graph.nodes where node.op == .softmaxCrossEntropy || node.op == .hinge {
            guard node.operands.count >= 2, node.operands[1] == name,
                  let scores = types[node.operands[0]], let classes = scores.shape.dimensions.last?.fixedValue,
                  classes >= 1 else { continue }
            return classes
        }
        return nil
    }
}
