import CNNIR
import CNNPasses
import CNNRuntime

/// Checks `Differentiator` against central finite differences computed by the reference
/// kernels in f64.
///
/// A check builds a graph in f64 whose loss is Σ f(…)·r for a random projection r (so every
/// element of f's result matters), differentiates it, and compares each gradient element with
/// (loss(v + h) − loss(v − h)) / 2h, h = 1e-6·max(1, |v|). In f64 the difference quotient's own
/// error is about h² ≈ 1e-12 (truncation) plus 1e-16/h ≈ 1e-10 (rounding) relative, so an
/// error above 1e-6 of the gradient's largest magnitude is a wrong rule, not noise.
enum GradientCheck {
    /// The largest error allowed, relative to the largest gradient magnitude (see above).
    static let tolerance = 1e-6

    /// Builds the graph with `body` (which declares inputs and parameters in f64 and returns the
    /// value to differentiate through), checks the gradients with respect to `values`, and
    /// returns the largest relative error. `fixed` gives chosen values for some inputs (such as
    /// integer labels); the others are random in [-1, 1], or from `positive` in [0.5, 1.5].
    @discardableResult
    static func check(withRespectTo values: [String], fixed: [String: Tensor] = [:], positive: Set<String> = [],
                      seed: UInt64 = 1, _ body: (GraphBuilder) throws -> GraphValue) throws -> Double {
        let builder = GraphBuilder(name: "checked")
        let result = try body(builder)
        let loss: GraphValue
        if result.shape.elementCount == 1 {
            loss = result
        } else {
            let projection = try builder.input("projection", result.type)
            loss = try builder.apply(.reduceSum, [builder.mul(result, projection)], ["keepdims": .bool(false)], name: "loss")
        }
        try builder.output(loss)
        let graph = try builder.build()
        var generator = SeededGenerator(seed: seed)
        var inputs = fixed
        for declaration in graph.inputs + graph.parameters where inputs[declaration.name] == nil {
            let sizes = declaration.type.shape.fixedSizes ?? []
            let count = sizes.reduce(1, *)
            let values = (0..<count).map { _ in
                positive.contains(declaration.name) ? 0.5 + generator.nextUnitDouble() : 2 * generator.nextUnitDouble() - 1
            }
            inputs[declaration.name] = try Tensor(shape: sizes, elements: values)
        }
        let differentiated = try Differentiator.differentiate(graph, loss: loss.name, withRespectTo: values)
        let outputs = try run(differentiated.graph, inputs)
        var worst = 0.0
        for value in values {
            guard let name = differentiated.gradients[value], let analytic = outputs[name]?.doubles else {
                throw Diagnostic("no gradient for %\(value)")
            }
            let numeric = try numericalGradient(graph, loss: loss.name, of: value, inputs: inputs, sampling: &generator, count: analytic.count)
            let scale = max(analytic.map(Swift.abs).max() ?? 0, 1e-3)
            for (index, expected) in numeric { worst = max(worst, Swift.abs(analytic[index] - expected) / scale) }
        }
        return worst
    }

    /// Central differences of the loss for up to 40 elements of `value` (all when it has fewer).
    private static func numericalGradient(_ graph: Graph, loss: String, of value: String, inputs: [String: Tensor],
                                          sampling generator: inout SeededGenerator, count: Int) throws -> [(Int, Double)] {
        guard let base = inputs[value] else { throw Diagnostic("no value for %\(value)") }
        let indices = count <= 40 ? Array(0..<count) : (0..<40).map { _ in Int(generator.next() % UInt64(count)) }
        return try indices.map { index in
            var elements = base.doubles
            let step = 1e-6 * max(1, Swift.abs(elements[index]))
            func lossAt(_ offset: Double) throws -> Double {
                elements[index] = base.doubles[index] + offset
                var shifted = inputs
                shifted[value] = try Tensor(shape: base.shape, elements: elements)
                guard let result = try run(graph, shifted)[loss]?.doubles.first else { throw Diagnostic("the loss is missing") }
                return result
            }
            return (index, (try lossAt(step) - lossAt(-step)) / (2 * step))
        }
    }

    /// Runs `graph` on the reference kernels, its parameters taken from `values` too.
    private static func run(_ graph: Graph, _ values: [String: Tensor]) throws -> [String: Tensor] {
        let parameterNames = Set(graph.parameters.map(\.name))
        let inputNames = Set(graph.inputs.map(\.name))
        return try ReferenceExecutor.run(graph, inputs: values.filter { inputNames.contains($0.key) },
                                         parameters: values.filter { parameterNames.contains($0.key) })
    }
}
