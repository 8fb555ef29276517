import CNNIR

/// A trainer's state on disk: every state tensor of the training step (parameters, batch-norm
/// statistics, optimizer moments, step counters) by input name, the steps taken and epochs
/// completed, and free-form metadata, in one safetensors file.
///
/// The counters and the metadata are the file's `__metadata__` (the counters under
/// `cnnc.training.steps` and `cnnc.training.epoch`). Writing goes to a temporary file in the same
/// folder that is renamed over the destination once complete, so a crash while saving leaves the
/// previous checkpoint intact, never a half-written file.
public struct TrainingCheckpoint: Sendable, Equatable {
    /// The metadata key of the number of steps taken.
    public static let stepsKey = "cnnc.training.steps"
    /// The metadata key of the number of epochs completed.
    public static let epochKey = "cnnc.training.epoch"

    /// The state tensors by input name.
    public var state: [String: Tensor]
    /// The number of training steps taken.
    public var stepCount: Int
    /// The number of epochs completed.
    public var epoch: Int
    /// Further metadata (the counters' keys excluded).
    public var metadata: [String: String]

    /// Creates a checkpoint.
    public init(state: [String: Tensor], stepCount: Int = 0, epoch: Int = 0, metadata: [String: String] = [:]) {
        self.state = state
        self.stepCount = stepCount
        self.epoch = epoch
        self.metadata = metadata
    }

    /// Reads a checkpoint written by `write(to:)`. Throws the safetensors reader's diagnostics for
    /// a missing, truncated or malformed file, and a `Diagnostic` located at the file when a
    /// counter is missing or not a non-negative integer.
    public init(contentsOf path: String) throws {
        let store = try WeightStore(contentsOf: path)
        var metadata = store.metadata
        func counter(_ key: String) throws -> Int {
            guard let text = metadata.removeValue(forKey: key) else {
                throw Diagnostic("this is not a cnnc training checkpoint: its metadata has no \(key) "
                                 + "(a weights file holds parameters only; resume from a file written by --checkpoint)",
                                 at: SourceLocation(file: path, line: 1, column: 1))
            }
            guard let value = Int(text), value >= 0 else {
                throw Diagnostic("the checkpoint's \(key) is '\(text)', not a non-negative integer",
                                 at: SourceLocation(file: path, line: 1, column: 1))
            }
            return value
        }
        let stepCount = try counter(TrainingCheckpoint.stepsKey)
        let epoch = try counter(TrainingCheckpoint.epochKey)
        var state: [String: Tensor] = [:]
        for (name, weight) in store.tensors { state[name] = try Tensor(weight) }
        self.init(state: state, stepCount: stepCount, epoch: epoch, metadata: metadata)
    }

    /// Writes the checkpoint to `path` atomically (a temporary file renamed over `path`). Throws a
    /// `Diagnostic` located at `path` when the file cannot be written; the temporary file is then
    /// removed and an earlier file at `path` is left as it was.
    public func write(to path: String) throws {
        try weightStore().write(to: path)
    }

    /// The checkpoint as a weights store: the state tensors, the metadata and the counters.
    public func weightStore() throws -> WeightStore {
        var store = WeightStore(metadata: metadata)
        store.metadata[TrainingCheckpoint.stepsKey] = String(stepCount)
        store.metadata[TrainingCheckpoint.epochKey] = String(epoch)
        for (name, tensor) in state { store.tensors[name] = try WeightTensor(tensor) }
        return store
    }
}
