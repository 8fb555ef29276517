import CNNIR

/// The roles of a training step's inputs and outputs, read from its graph.
///
/// A training step is a graph whose first output is the scalar loss and whose other outputs are
/// named `<input>.next`: the value the input `<input>` takes for the next step. The inputs given
/// with every batch are the *batch* (the data `%x` and the labels `%labels`); every other input
/// is *state* (parameters, batch-norm statistics, optimizer moments, the step counter), held by
/// the trainer and fed back from its `.next` output — or, without one, held constant.
///
/// ```
/// graph @step(%x: f32[32,1,8,8], %labels: i64[32], %fc.w: f32[10,64], %optimizer.velocity.fc.w: f32[10,64], …)
///     -> (f32[], f32[10,64], f32[10,64], …) {
///   …
///   return %loss, %fc.w.next, %optimizer.velocity.fc.w.next, …
/// }
/// ```
public struct TrainingStepSignature: Sendable, Equatable {
    /// The suffix of an output that holds the next value of an input.
    public static let nextSuffix = ".next"

    /// The name of the loss output (the first output).
    public let loss: String
    /// The inputs given with every batch, in the graph's order.
    public let batch: [ValueDeclaration]
    /// The state inputs, in the graph's order: every input outside the batch.
    public let state: [ValueDeclaration]
    /// The state inputs with a `<name>.next` output, in the graph's order; the others stay as they are.
    public let updatedState: [String]
    /// The batch input holding the labels: the one named `labels`, else the only i64 batch input.
    public let labels: ValueDeclaration?
    /// The batch input holding the data: the only batch input other than the labels, if there is exactly one.
    public let data: ValueDeclaration?

    /// Reads the roles from `graph`. The batch is `batchInputs` when given (the names of inputs
    /// without a `.next` output), else every input without a `.next` output. Throws a
    /// `Diagnostic` when the graph has no outputs, the first output is not a floating scalar, an
    /// output other than the first does not name an input `<name>.next` of the same type, or a
    /// batch input is unknown or has a next value.
    public init(graph: Graph, batchInputs: [String]? = nil) throws {
        let types = graph.valueTypes
        let place = graph.location
        guard let loss = graph.outputs.first else {
            throw Diagnostic("training step @\(graph.name) returns nothing; its first output must be the scalar loss", at: place)
        }
        guard let lossType = types[loss], lossType.dtype.isFloatingPoint, lossType.shape.elementCount == 1 else {
            throw Diagnostic("training step @\(graph.name): the first output %\(loss) must be the loss, a floating scalar such as f32[], "
                             + "found \(types[loss].map { "\($0)" } ?? "no value of that name")", at: place)
        }
        let inputs = Dictionary(graph.inputs.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var updated = Set<String>()
        for output in graph.outputs.dropFirst() {
            guard output.hasSuffix(TrainingStepSignature.nextSuffix) else {
                throw Diagnostic("training step @\(graph.name): output %\(output) is neither the loss (the first output) "
                                 + "nor the next value of an input (named <input>\(TrainingStepSignature.nextSuffix))", at: place)
            }
            let name = String(output.dropLast(TrainingStepSignature.nextSuffix.count))
            guard let input = inputs[name] else {
                throw Diagnostic("training step @\(graph.name): output %\(output) is the next value of %\(name), "
                                 + "which is not an input of the step", at: place)
            }
            guard types[output] == input.type else {
                throw Diagnostic("training step @\(graph.name): output %\(output) has type "
                                 + "\(types[output].map { "\($0)" } ?? "unknown"), its input %\(name) has \(input.type)", at: place)
            }
            guard updated.insert(name).inserted else {
                throw Diagnostic("training step @\(graph.name) returns %\(output) twice", at: place)
            }
        }
        let batchNames = Set(batchInputs ?? graph.inputs.map(\.name).filter { !updated.contains($0) })
        for name in batchInputs ?? [] {
            guard inputs[name] != nil else {
                throw Diagnostic("training step @\(graph.name) has no batch input %\(name)", at: place)
            }
            guard !updated.contains(name) else {
                throw Diagnostic("training step @\(graph.name): the batch input %\(name) cannot have a next value", at: place)
            }
        }
        self.loss = loss
        batch = graph.inputs.filter { batchNames.contains($0.name) }
        state = graph.inputs.filter { !batchNames.contains($0.name) }
        updatedState = state.map(\.name).filter { updated.contains($0) }
        let labels = batch.first { $0.name == "labels" } ?? TrainingStepSignature.only(batch.filter { $0.type.dtype == .i64 })
        self.labels = labels
        data = TrainingStepSignature.only(batch.filter { $0.name != labels?.name })
    }

    /// The output that holds the next value of the state input `name`.
    public static func nextName(of name: String) -> String { name + nextSuffix }

    /// The single element of `values`, or nil when there are none or several.
    private static func only(_ values: [ValueDeclaration]) -> ValueDeclaration? {
        values.count == 1 ? values[0] : nil
    }
}
