/// Workspace sizes as kernels declare them: whole 64-byte lines, so that the executor can place
/// workspaces back to back and each stays cache-line aligned.
enum WorkspaceSize {
    /// The alignment of every workspace, in bytes.
    static let alignment = 64

    /// The bytes needed for `count` floats, rounded up to whole lines.
    static func bytes(forFloats count: Int) -> Int {
        let bytes = count * MemoryLayout<Float>.stride
        return (bytes + alignment - 1) / alignment * alignment
    }
}
