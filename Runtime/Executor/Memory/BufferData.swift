/// Who writes the bytes each buffer reads, and until when each writer's data is read.
struct BufferData {
    /// The buffers.
    private let buffers: [MemoryBuffer]
    /// The buffers that are concat results made of slices (they are not written themselves).
    private let composed: Set<Int>
    /// For each buffer, the writers whose data it reads (itself for a writer).
    private let sources: [[Int]]
    /// For each writer, the last step at which its data is read (unused for other buffers).
    let end: [Int]

    /// The analysis of a request whose sharing links have no cycle.
    init(_ request: MemoryPlanRequest) {
        let buffers = request.buffers
        var slices: [Int: [Int]] = [:]
        for (index, buffer) in buffers.enumerated() where buffer.sharing?.kind == .slice {
            slices[buffer.sharing?.buffer ?? index, default: []].append(index)
        }
        var sources: [[Int]?] = Array(repeating: nil, count: buffers.count)
        func writers(of index: Int) -> [Int] {
            if let known = sources[index] { return known }
            let found: [Int]
            if let sharing = buffers[index].sharing, sharing.kind == .view {
                found = writers(of: sharing.buffer)
            } else if let parts = slices[index] {
                found = parts.flatMap(writers(of:))
            } else {
                found = [index]
            }
            sources[index] = found
            return found
        }
        var end = buffers.map(\.lastStep)
        for (index, buffer) in buffers.enumerated() {
            for writer in writers(of: index) { end[writer] = max(end[writer], buffer.lastStep) }
        }
        self.buffers = buffers
        composed = Set(slices.keys)
        self.sources = sources.map { $0 ?? [] }
        self.end = end
    }

    /// Whether buffer `index` writes bytes: not a view, and not a concat result made of slices.
    func isWriter(_ index: Int) -> Bool {
        buffers[index].sharing?.kind != .view && !composed.contains(index)
    }

    /// Whether `writer` overwrites the data of `other` in place at the step that data dies.
    func overwrites(_ writer: Int, _ other: Int) -> Bool {
        guard let sharing = buffers[writer].sharing, sharing.kind == .inPlace else { return false }
        return sources[sharing.buffer].contains(other) && end[other] == buffers[writer].firstStep
    }
}
