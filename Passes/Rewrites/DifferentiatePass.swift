import CNNIR

/// `differentiate`: appends the gradient of the graph's first output (a scalar loss) with respect
/// to every floating parameter that affects it, and returns those gradients after the graph's
/// outputs (see `Differentiator`).
///
/// Unlike the other passes it extends the graph's interface — that is its purpose — so it is not
/// part of the standard pipelines; a training step is built with `TrainingStepBuilder`, and this
/// pass lets a gradient be compiled, printed and tested from textual IR
/// (`cnnc compile loss.ir --passes differentiate`).
public struct DifferentiatePass: Pass {
    public let name = "differentiate"
    public let summary = "append the gradients of the first output (a scalar loss) with respect to every parameter"

    /// Creates the pass.
    public init() {}

    public func run(on unit: inout CompilationUnit) throws {
        guard let loss = unit.graph.outputs.first else {
            throw Diagnostic("differentiate needs a graph whose first output is the loss; @\(unit.graph.name) returns nothing", at: unit.graph.location)
        }
        let graph = try unit.graph.resolvingAutoPads()
        let parameters = Differentiator.parameters(of: graph, reaching: loss)
        guard !parameters.isEmpty else {
            throw Diagnostic("no parameter of @\(graph.name) affects the loss %\(loss)", at: graph.location)
        }
        var differentiated = try Differentiator.differentiate(graph, loss: loss, withRespectTo: parameters).graph
        differentiated.outputs = unit.graph.outputs + differentiated.outputs.dropFirst()
        unit.graph = differentiated
    }
}
