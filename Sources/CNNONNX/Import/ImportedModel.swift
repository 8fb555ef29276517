import CNNIR
import CNNRuntime

/// An ONNX model imported into cnnc: the IR graph and its parameters' values.
public struct ImportedModel: Sendable {
    /// The graph; its `weightsFile` is nil until the model is written out.
    public var graph: Graph
    /// The parameters' values, by name (the ONNX initializers the graph uses as tensors, and
    /// large constants computed at import).
    public var weights: WeightStore

    /// Creates an imported model.
    public init(graph: Graph, weights: WeightStore) {
        self.graph = graph
        self.weights = weights
    }

    /// The parameters as runtime tensors, by name, for `Model(graph:parameters:options:)`.
    public func parameterTensors() throws -> [String: CNNRuntime.Tensor] {
        try weights.tensors.mapValues { try CNNRuntime.Tensor($0) }
    }
}
