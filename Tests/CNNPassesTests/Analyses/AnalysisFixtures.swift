import CNNIR
import CNNPasses

extension ValueDeclaration {
    /// A declaration of an f32 value with the given dimensions.
    static func f32(_ name: String, _ dimensions: [Dimension]) -> ValueDeclaration {
        ValueDeclaration(name: name, type: TensorType(.f32, Shape(dimensions)))
    }
}

/// Small builders for the analysis tests.
enum AnalysisFixtures {
    /// The MACs of one node whose operands and result are declared with the given shapes.
    static func multiplyAccumulates(_ op: OpKind, operands: [[Dimension]], result: [Dimension],
                                    attributes: Attributes = Attributes()) -> Int {
        let names = operands.indices.map { "v\($0)" }
        let types = Dictionary(uniqueKeysWithValues: zip(names, operands.map { TensorType(.f32, Shape($0)) }))
        let node = Node(op: op, operands: names, attributes: attributes, results: [.f32("y", result)])
        return CostAnalysis.multiplyAccumulates(of: node, types: types)
    }
}
