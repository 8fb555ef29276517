import CNNIR

/// The memory one kernel invocation reads and writes: one pointer per operand and per result,
/// in the node's order, plus a scratch workspace of the size the kernel asked for.
///
/// Element types are those of the node's operand and result types (f32 for every fast path).
/// Outputs never alias inputs unless the kernel declares that it supports running in place
/// (`Kernel.inPlaceOperands`).
public struct KernelBuffers {
    /// One pointer per operand, in order.
    public var inputs: [UnsafeRawPointer]
    /// One pointer per result, in order.
    public var outputs: [UnsafeMutableRawPointer]
    /// Scratch memory of `Kernel.workspaceBytes` bytes, aligned to 64 bytes.
    public var workspace: UnsafeMutableRawPointer?

    /// Creates the buffers of one invocation.
    public init(inputs: [UnsafeRawPointer], outputs: [UnsafeMutableRawPointer], workspace: UnsafeMutableRawPointer?) {
        self.inputs = inputs
        self.outputs = outputs
        self.workspace = workspace
    }
}

/// How a kernel may use the machine during one run.
public struct KernelContext: Sendable {
    /// The number of threads the kernel may keep busy (≥ 1).
    public var threadCount: Int

    /// Creates a context.
    public init(threadCount: Int) { self.threadCount = max(1, threadCount) }
}

/// A ready-to-run implementation of one node, prepared once for the node's static shapes and
/// attributes (and, where useful, its constant weights), then run many times.
///
/// A kernel writes every element of its outputs, allocates nothing while it runs, and may be run
/// from several threads at once on different buffers.
public protocol Kernel: Sendable {
    /// A short name for tables and traces (`im2col+sgemm`, `depthwise3x3`, `reference`).
    var name: String { get }
    /// The scratch bytes one run needs (0 if none).
    var workspaceBytes: Int { get }
    /// The operands whose bytes the result may take: the indices of operands the kernel reads
    /// at each element index before it writes the result's element at that same index. The
    /// executor then may place a single result in such an operand's bytes when the operand has
    /// exactly the result's type and is not read after this node.
    var inPlaceOperands: [Int] { get }
    /// Computes the node's results from its operands.
    func run(_ buffers: KernelBuffers, context: KernelContext)
}

extension Kernel {
    /// No operand: the result gets bytes of its own.
    public var inPlaceOperands: [Int] { [] }
}

/// Everything known about a node when its kernel is chosen: the op, its attributes with defaults
/// filled in, the static operand and result types, and the values of constant operands.
public struct KernelRequest: Sendable {
    /// The node being implemented.
    public var node: Node
    /// Every attribute of the op's schema, given or defaulted.
    public var attributes: [String: AttributeValue]
    /// The operand types, in order (all static).
    public var operandTypes: [TensorType]
    /// The result types, in order (all static).
    public var resultTypes: [TensorType]
    /// The values of operands that are parameters or constants, by operand index; kernels may
    /// pre-transform them (packing, Winograd filter transforms) when they are prepared.
    public var constantOperands: [Int: Tensor]

    /// Creates a request.
    public init(node: Node, attributes: [String: AttributeValue], operandTypes: [TensorType],
                resultTypes: [TensorType], constantOperands: [Int: Tensor] = [:]) {
        self.node = node
        self.attributes = attributes
        self.operandTypes = operandTypes
        self.resultTypes = resultTypes
        self.constantOperands = constantOperands
    }

    /// The static sizes of operand `index`.
    public func operandShape(_ index: Int) -> [Int] { operandTypes[index].shape.fixedSizes ?? [] }
    /// The static sizes of result `index`.
    public func resultShape(_ index: Int) -> [Int] { resultTypes[index].shape.fixedSizes ?? [] }
}

/// A family of fast kernels (convolution, pooling, element-wise, …): it offers a kernel for the
/// nodes it can run fast, and `nil` for the others (which then run on the reference kernels).
public protocol KernelFamily: Sendable {
    /// A kernel for the request, or `nil` if this family does not handle it.
    func makeKernel(for request: KernelRequest) throws -> Kernel?
}
