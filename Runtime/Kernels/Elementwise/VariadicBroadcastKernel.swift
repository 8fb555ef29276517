import Foundation

/// sum, max, min and mean of any number of operands broadcast together: the first two combined
/// into the output, then each further operand combined into it in place (`combineBroadcast`
/// with the output as its first operand), and mean's sum scaled by 1/count. One operand is
/// copied (its shape is the output's).
struct VariadicBroadcastKernel: Kernel {
    let name: String
    /// How two operands combine (add for sum and mean).
    let operation: BinaryOperator
    /// The walks: operands 0 and 1 into the output, then the output and operand i + 1.
    let plans: [BroadcastPlan]
    /// The number of output elements.
    let count: Int
    /// mean: the factor 1/operand count applied at the end; 1 otherwise.
    let scale: Float

    var workspaceBytes: Int { 0 }
    /// Operands 0 and 1 are read at an index before y is written there, then only y and the
    /// further operands are read. A single operand is copied with `memcpy`, which must not overlap.
    var inPlaceOperands: [Int] { plans.isEmpty ? [] : [0, 1] }

    func run(_ buffers: KernelBuffers, context: KernelContext) {
        let y = buffers.floatOutput(0)
        guard let first = plans.first else {
            if count > 0 { memcpy(y, buffers.inputs[0], count * MemoryLayout<Float>.stride) }
            return
        }
        operation.combine(first, buffers.floatInput(0), buffers.floatInput(1), y)
        for (index, plan) in plans.enumerated().dropFirst() {
            operation.combine(plan, UnsafePointer(y), buffers.floatInput(index + 1), y)
        }
        if scale != 1 { applyTransform(ConstantScale(factor: scale), UnsafePointer(y), y, count: count) }
    }
}
