import CNNIR

/// Runs one node on the reference kernels through the `Kernel` interface: the fallback for
/// nodes no fast family takes (other element types, losses, ops without fast kernels) and the
/// kernel of every node with `ExecutionOptions.backend = .reference`.
///
/// Unlike the fast kernels it allocates while it runs: it copies its operands into `Tensor`s,
/// calls `ReferenceKernels.evaluate`, and copies the results into the output buffers.
struct ReferenceKernelAdapter: Kernel {
    let name = "reference"
    let workspaceBytes = 0
    /// The node computed.
    let node: Node
    /// The node's operand types, in order (static).
    let operandTypes: [TensorType]
    /// The node's declared result types, in order (static).
    let resultTypes: [TensorType]

    /// Every operand of a single-result node: `evaluate` copies all operands before it writes
    /// the result.
    var inPlaceOperands: [Int] { resultTypes.count == 1 ? Array(operandTypes.indices) : [] }

    /// Computes the node, throwing a `Diagnostic` at the node when the reference kernel rejects
    /// the operands (such as a label out of range) or computes other types than the node declares.
    func evaluate(_ buffers: KernelBuffers) throws {
        do {
            let operands = try zip(operandTypes, buffers.inputs).map { type, pointer in
                try Tensor(type, copyingBytesFrom: pointer)
            }
            let results = try ReferenceKernels.evaluate(node.op, operands: operands, attributes: node.attributes,
                                                        resultCount: resultTypes.count)
            guard results.count == resultTypes.count else {
                throw Diagnostic("declares \(resultTypes.count) results, the op computes \(results.count)")
            }
            for (index, result) in results.enumerated() {
                guard result.type == resultTypes[index] else {
                    throw Diagnostic("computes \(result.type) for %\(node.results[index].name), which is declared \(resultTypes[index])")
                }
                result.copyBytes(to: buffers.outputs[index])
            }
        } catch let diagnostic as Diagnostic {
            throw diagnostic.attributed(to: node.location, node: node.name, op: node.op.rawValue)
        }
    }

    /// `Kernel.run` cannot report errors: on one, the floating outputs are filled with NaN, i64
    /// outputs with zeros and bool outputs with false. The executor calls `evaluate` instead,
    /// which throws.
    func run(_ buffers: KernelBuffers, context: KernelContext) {
        do {
            try evaluate(buffers)
        } catch {
            for (type, output) in zip(resultTypes, buffers.outputs) {
                let count = type.shape.elementCount ?? 0
                switch type.dtype {
                case .f32: output.initializeMemory(as: Float.self, repeating: .nan, count: count)
                case .f64: output.initializeMemory(as: Double.self, repeating: .nan, count: count)
                case .i64: output.initializeMemory(as: Int64.self, repeating: 0, count: count)
                case .bool: output.initializeMemory(as: Bool.self, repeating: false, count: count)
                }
            }
        }
    }
}
