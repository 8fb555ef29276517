import CNNIR

/// What passes transform: a graph together with the values of its parameters.
///
/// Some passes rewrite weights as well as nodes (fold-batchnorm scales a conv's weight and
/// creates its bias), so they work on the pair. `weights` is either empty — the unit is compiled
/// without values, and passes that need parameter values leave those nodes alone — or holds
/// exactly one tensor of the declared dtype and shape for every parameter of `graph`.
public struct CompilationUnit: Equatable, Sendable {
    /// The graph being compiled.
    public var graph: Graph
    /// The parameter values by parameter name (without `%`); empty when compiling without values.
    public var weights: [String: WeightTensor]

    /// Creates a unit from a graph and its parameter values (none by default).
    public init(graph: Graph, weights: [String: WeightTensor] = [:]) {
        self.graph = graph
        self.weights = weights
    }

    /// Creates a unit from a graph and a weight store, checked against the graph's parameters
    /// (see `WeightStore.bind(to:)`, which throws a `DiagnosticList` of every mismatch).
    public init(graph: Graph, store: WeightStore) throws {
        self.init(graph: graph, weights: try store.bind(to: graph))
    }

    /// The weights as a store, ready to be written to a safetensors file.
    public var weightStore: WeightStore { WeightStore(tensors: weights) }

    /// Checks the graph with the verifier and the weights against the parameters; throws a
    /// `DiagnosticList` of every problem.
    public func verify() throws {
        var problems = Verifier.diagnostics(for: graph)
        if !weights.isEmpty {
            do {
                _ = try weightStore.bind(to: graph)
            } catch let list as DiagnosticList {
                problems += list.diagnostics
            }
        }
        if !problems.isEmpty { throw DiagnosticList(problems) }
    }
}
