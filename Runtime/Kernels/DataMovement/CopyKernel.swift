import Foundation

/// A plain copy of every element: identity, dropout at inference, and the shape-only ops
/// (flatten, reshape, squeeze, unsqueeze), whose row-major elements do not move.
struct CopyKernel: Kernel {
    let name: String
    /// The number of elements.
    let count: Int

    var workspaceBytes: Int { 0 }

    func run(_ buffers: KernelBuffers, context: KernelContext) {
        guard count > 0 else { return }
        memcpy(buffers.outputs[0], buffers.inputs[0], count * MemoryLayout<Float>.stride)
    }
}
