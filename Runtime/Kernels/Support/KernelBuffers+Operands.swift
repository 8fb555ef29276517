extension KernelBuffers {
    /// Operand `index` as f32 elements.
    @inline(__always)
    func floatInput(_ index: Int) -> UnsafePointer<Float> {
        inputs[index].assumingMemoryBound(to: Float.self)
    }

    /// Operand `index` as f32 elements, or `nil` when the node leaves that optional operand out.
    @inline(__always)
    func optionalFloatInput(_ index: Int) -> UnsafePointer<Float>? {
        index < inputs.count ? floatInput(index) : nil
    }

    /// Result `index` as f32 elements.
    @inline(__always)
    func floatOutput(_ index: Int) -> UnsafeMutablePointer<Float> {
        outputs[index].assumingMemoryBound(to: Float.self)
    }

    /// The workspace as f32 elements (`nil` when the kernel asked for none).
    @inline(__always)
    var floatWorkspace: UnsafeMutablePointer<Float>? {
        workspace?.assumingMemoryBound(to: Float.self)
    }

    /// The workspace as f32 elements, for a kernel that declared `workspaceBytes > 0` (the
    /// executor always hands such a kernel its workspace).
    @inline(__always)
    func requiredFloatWorkspace() -> UnsafeMutablePointer<Float> {
        guard let workspace = floatWorkspace else {
            preconditionFailure("the executor gave no workspace to a kernel that declared workspaceBytes > 0")
        }
        return workspace
    }
}
