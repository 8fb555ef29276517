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

    /// Calls `body` with the workspace. The executor always hands a kernel that declared
    /// `workspaceBytes > 0` its workspace; a caller that passes none (a hand-built
    /// `KernelBuffers`) gets `bytes` of scratch allocated for this call rather than a crash or an
    /// unwritten output.
    @inline(__always)
    func withWorkspace<Result>(bytes: Int, _ body: (UnsafeMutableRawPointer) -> Result) -> Result {
        if let workspace { return body(workspace) }
        let scratch = UnsafeMutableRawPointer.allocate(byteCount: max(bytes, WorkspaceSize.alignment),
                                                       alignment: WorkspaceSize.alignment)
        defer { scratch.deallocate() }
        return body(scratch)
    }

    /// `withWorkspace` with the workspace as f32 elements.
    @inline(__always)
    func withFloatWorkspace<Result>(bytes: Int, _ body: (UnsafeMutablePointer<Float>) -> Result) -> Result {
        withWorkspace(bytes: bytes) { raw in
            body(raw.bindMemory(to: Float.self, capacity: max(bytes, WorkspaceSize.alignment) / MemoryLayout<Float>.stride))
        }
    }
}
