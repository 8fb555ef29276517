import CNNIR

/// One node as a plan runs it: its name, op, the kernel chosen and its (first) result type.
public struct ExecutionLayer: Sendable, Equatable {
    /// The node's name (its first result, without `%`).
    public var node: String
    /// The node's op.
    public var op: OpKind
    /// The kernel's name (`im2col+sgemm`, `reference`, …).
    public var kernel: String
    /// The type of the node's first result.
    public var outputType: TensorType

    /// Creates a layer description.
    public init(node: String, op: OpKind, kernel: String, outputType: TensorType) {
        self.node = node
        self.op = op
        self.kernel = kernel
        self.outputType = outputType
    }
}

/// The time one node took in a profiled run (`Model.runProfiled`).
public struct LayerTiming: Sendable, Equatable {
    /// The node's name (its first result, without `%`).
    public var node: String
    /// The node's op.
    public var op: OpKind
    /// The kernel's name.
    public var kernel: String
    /// The type of the node's first result.
    public var outputType: TensorType
    /// The wall-clock seconds the node's kernel ran.
    public var seconds: Double

    /// The timing of `layer`.
    public init(_ layer: ExecutionLayer, seconds: Double) {
        node = layer.node
        op = layer.op
        kernel = layer.kernel
        outputType = layer.outputType
        self.seconds = seconds
    }
}
