import Foundation

/// concat: for each index before the axis, one contiguous block of every operand in turn
/// (each block is the operand's axis size times the elements after the axis), by `memcpy`.
struct ConcatKernel: Kernel {
    let name = "concat"
    /// The product of the sizes before the axis.
    let outer: Int
    /// The elements of one block of every operand.
    let blockSizes: PreparedTable<Int>

    var workspaceBytes: Int { 0 }

    func run(_ buffers: KernelBuffers, context: KernelContext) {
        var output = buffers.floatOutput(0)
        for block in 0..<outer {
            for operand in 0..<blockSizes.count {
                let size = blockSizes[operand]
                guard size > 0 else { continue }
                memcpy(output, buffers.floatInput(operand) + block * size, size * MemoryLayout<Float>.stride)
                output += size
            }
        }
    }
}
