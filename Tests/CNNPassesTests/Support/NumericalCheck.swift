import CNNIR
import CNNPasses
import CNNRuntime

/// Runs a graph before and after a pipeline on the reference executor and measures how far the
/// outputs moved.
enum NumericalCheck {
    /// The largest relative L2 error a pipeline may introduce into any output.
    static let tolerance = 1e-5

    /// Seeded values for every parameter of `graph`: `WeightInitializer`'s, then every
    /// parameter of rank 0 or 1 (biases, normalization parameters and statistics, which it sets
    /// to constants) redrawn uniformly — from [0.25, 1.25] when it is a batch_norm variance,
    /// from [-0.5, 0.5] otherwise — so that folding them is really exercised.
    static func randomWeights(for graph: Graph, seed: UInt64) throws -> [String: WeightTensor] {
        var weights = try WeightInitializer.initialize(graph, seed: seed).bind(to: graph)
        let variances = Set(graph.nodes.filter { $0.op == .batchNorm && $0.operands.count == 5 }.map { $0.operands[4] })
        var generator = SeededGenerator(seed: seed ^ 0x5EED)
        for parameter in graph.parameters where parameter.type.rank <= 1 && parameter.type.dtype.isFloatingPoint {
            guard let tensor = weights[parameter.name] else { continue }
            let range = variances.contains(parameter.name) ? 0.25...1.25 : -0.5...0.5
            let values = (0..<tensor.elementCount).map { _ in range.lowerBound + (range.upperBound - range.lowerBound) * generator.nextUnitDouble() }
            weights[parameter.name] = try WeightTensor(dtype: tensor.dtype, shape: tensor.shape, converting: values)
        }
        return weights
    }

    /// Seeded inputs for `graph`: floats uniform in [-1, 1], other dtypes zeros. Every input
    /// must have a static shape.
    static func randomInputs(for graph: Graph, seed: UInt64) throws -> [String: Tensor] {
        var generator = SeededGenerator(seed: seed)
        var inputs: [String: Tensor] = [:]
        for input in graph.inputs {
            guard let shape = input.type.shape.fixedSizes else {
                throw Diagnostic("input %\(input.name) of type \(input.type) needs a static shape for the numerical check")
            }
            inputs[input.name] = input.type.dtype.isFloatingPoint
                ? try Tensor.random(shape: shape, dtype: input.type.dtype, using: &generator)
                : try Tensor.zeros(shape: shape, dtype: input.type.dtype)
        }
        return inputs
    }

    /// The relative L2 error of each output of `transformed` against `original`, by output
    /// position, on the same random inputs (outputs `transformed` appends after the original
    /// ones — the gradients differentiate adds — are not compared; finite differences check
    /// those). Throws when either does not run, an output went missing or its shape changed.
    static func relativeErrors(original: CompilationUnit, transformed: CompilationUnit, seed: UInt64) throws -> [Double] {
        let inputs = try randomInputs(for: original.graph, seed: seed)
        let before = try run(original, inputs)
        let after = try run(transformed, inputs)
        guard original.graph.outputs.count <= transformed.graph.outputs.count else {
            throw Diagnostic("the graph returned \(original.graph.outputs.count) values, now \(transformed.graph.outputs.count)")
        }
        return try zip(original.graph.outputs, transformed.graph.outputs).map { name, newName in
            guard let expected = before[name], let actual = after[newName], expected.shape == actual.shape else {
                throw Diagnostic("output %\(name) changed shape or went missing")
            }
            return relativeL2(actual.doubles, expected.doubles)
        }
    }

    /// ‖actual − expected‖ / ‖expected‖ (0 when both are zero, infinite when only `expected` is).
    static func relativeL2(_ actual: [Double], _ expected: [Double]) -> Double {
        let difference = zip(actual, expected).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
        let norm = expected.reduce(0) { $0 + $1 * $1 }.squareRoot()
        if difference == 0 { return 0 }
        return norm == 0 ? .infinity : difference / norm
    }

    /// The outputs of `unit` on the reference executor.
    private static func run(_ unit: CompilationUnit, _ inputs: [String: Tensor]) throws -> [String: Tensor] {
        try ReferenceExecutor.run(unit.graph, inputs: inputs, parameters: unit.weights.mapValues { try Tensor($0) })
    }
}
