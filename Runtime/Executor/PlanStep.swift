import CNNIR

/// One node of an execution plan: its kernel and where its operands, results and workspace live.
struct PlanStep: Sendable {
    /// The node computed.
    let node: Node
    /// Its kernel.
    let kernel: NodeKernel
    /// Where each operand lives, in order.
    let operands: [ValueLocation]
    /// Where each result goes, in order (always the arena).
    let results: [ValueLocation]
    /// Where the kernel's workspace is (an arena location), or `nil` if it needs none.
    let workspace: ValueLocation?
    /// Why the step computes nothing (`view`, `concat-in-place`: its result already lies in its
    /// operands' bytes), or `nil` when its kernel runs.
    let skipped: String?

    /// The node's name, op, kernel (or why it is skipped) and first result type, for tables and profiles.
    var layer: ExecutionLayer {
        ExecutionLayer(node: node.name, op: node.op, kernel: skipped ?? kernel.kernel.name,
                       outputType: node.results.first?.type ?? TensorType(.f32, [Int]()))
    }
}
