extension KernelBuffers {
    /// Operand `index` as f32 elements.
    func floatInput(_ index: Int) -> UnsafePointer<Float> {
        inputs[index].assumingMemoryBound(to: Float.self)
    }

    /// Operand `index` as f32 elements, or `nil` when the node leaves that optional operand out.
    func optionalFloatInput(_ index: Int) -> UnsafePointer<Float>? {
        index < inputs.count ? floatInput(index) : nil
    }

    /// Result `index` as f32 elements.
    func floatOutput(_ index: Int) -> UnsafeMutablePointer<Float> {
        outputs[index].assumingMemoryBound(to: Float.self)
    }

    /// The workspace as f32 elements. The executor gives every kernel the workspace it asked
    /// for; a kernel that asked for none must not call this.
    func floatWorkspace() -> UnsafeMutablePointer<Float> {
        guard let workspace else {
            preconditionFailure("the executor gave no workspace to a kernel that declared workspaceBytes > 0")
        }
        return workspace.assumingMemoryBound(to: Float.self)
    }
}
