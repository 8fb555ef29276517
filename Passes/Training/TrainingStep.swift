import CNNIR

/// A compiled-ready training step and its evaluation graph, with the initial optimizer state.
///
/// The contract the trainer relies on: `step`'s inputs are the batch (`inputNames`: the images,
/// then the labels), then every parameter and state tensor; its first output is the scalar loss;
/// every other output is named `<input>.next` and is the next value of that input. `evaluation`
/// takes the batch and the parameters and state the same way and returns the loss and the
/// model's output.
public struct TrainingStep: Sendable {
    /// One step: forward, loss, backward and update.
    public var step: Graph
    /// The loss and the model's output, with the statistics of inference (no update).
    public var evaluation: Graph
    /// The names of the batch inputs: the images, then the labels.
    public var inputNames: [String]
    /// The trained parameters, in declaration order.
    public var trainedParameters: [String]
    /// The starting values of the optimizer's state and step counter (the parameters' values
    /// come from the model's weights).
    public var initialState: [String: WeightTensor]

    /// The name of the output carrying the next value of input `name`.
    public static func nextValueName(of name: String) -> String { name + ".next" }
}
