/// For every buffer of a request, the buffer with bytes of its own it lives in (following
/// `sharing` links) and its byte offset there. A buffer linking to no buffer counts as bytes
/// of its own, and so does one whose chain of links comes back on itself
/// (`MemoryPlan.validate` reports both).
struct BufferRoots {
    /// The root of each buffer (itself when it has bytes of its own).
    let root: [Int]
    /// Each buffer's offset inside its root.
    let offsetInRoot: [Int]

    /// Follows the links of every buffer of `request`.
    init(_ request: MemoryPlanRequest) {
        let buffers = request.buffers
        var root = Array(buffers.indices), offsetInRoot = Array(repeating: 0, count: buffers.count)
        for start in buffers.indices {
            var current = start, offset = 0, links = 0
            while let sharing = buffers[current].sharing, buffers.indices.contains(sharing.buffer) {
                guard links < buffers.count else {
                    (current, offset) = (start, 0)
                    break
                }
                offset += sharing.offset
                current = sharing.buffer
                links += 1
            }
            root[start] = current
            offsetInRoot[start] = offset
        }
        self.root = root
        self.offsetInRoot = offsetInRoot
    }
}
