import CNNIR

/// A model ready to run: a graph with its parameters, prepared once (kernels chosen, memory
/// planned), then run many times.
///
/// ```swift
/// let model = try Model(contentsOf: "resnet18.ir")
/// let outputs = try model.run(["x": image])
/// ```
///
/// One model may run from several threads at once; each run uses an arena of its own.
public final class Model: Sendable {
    /// The prepared plan.
    public let plan: ExecutionPlan

    /// Prepares `graph` with its parameters (by name, without `%`). Throws the verifier's
    /// `DiagnosticList`, or a `Diagnostic` for a named dimension left unbound (bind it with
    /// `--set N=8` on the command line or `Graph.binding`), an unknown, missing or mistyped
    /// parameter, or a node that cannot be prepared.
    public init(graph: Graph, parameters: [String: Tensor], options: ExecutionOptions = ExecutionOptions()) throws {
        plan = try ExecutionPlan(graph: graph, parameters: parameters, options: options)
    }

    /// The graph.
    public var graph: Graph { plan.graph }
    /// The options the model was prepared with.
    public var options: ExecutionOptions { plan.options }

    /// The inputs `run` takes: names (without `%`) and types, in the graph's order.
    public var inputs: [ValueDeclaration] { graph.inputs }

    /// The outputs `run` returns: names (without `%`) and types, in the graph's order.
    public var outputs: [ValueDeclaration] {
        let types = graph.valueTypes
        return graph.outputs.compactMap { name in types[name].map { ValueDeclaration(name: name, type: $0) } }
    }

    /// The nodes run, in order, with the kernel chosen for each.
    public var layers: [ExecutionLayer] { plan.layers }

    /// The memory a run uses for its intermediate values.
    public var memory: MemoryStatistics { MemoryStatistics(request: plan.memoryRequest, plan: plan.memoryPlan) }

    /// Runs the model on `inputs` (by name, without `%`) and returns its outputs by name.
    /// Throws a `Diagnostic` for an unknown input (listing the expected names), a missing one,
    /// or one of the wrong shape or element type (`input %x: expected f32[1,3,224,224], found
    /// f32[1,3,32,32]`).
    public func run(_ inputs: [String: Tensor]) throws -> [String: Tensor] {
        try plan.run(inputs)
    }

    /// Runs the model like `run` and also returns the time of every node, in order.
    public func runProfiled(_ inputs: [String: Tensor]) throws -> (outputs: [String: Tensor], layers: [LayerTiming]) {
        try plan.runProfiled(inputs)
    }
}
