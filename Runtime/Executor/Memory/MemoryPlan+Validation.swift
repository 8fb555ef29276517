import CNNIR

extension MemoryPlan {
    /// Proves the plan correct for `request`. Throws a `Diagnostic` naming the first problem:
    /// - an offset per buffer; every buffer with bytes of its own aligned and inside the arena;
    /// - every shared buffer at its place inside the buffer it shares, with no cycle of sharing,
    ///   a view alive no earlier than its source and a slice written no later than its concat;
    /// - no two buffers that write bytes (all but views and concat results made of slices)
    ///   sharing a byte while their data is alive. A buffer's data is alive from its first step
    ///   to the last step of any buffer reading it (itself, its views, the concat it is a slice
    ///   of); the one exception is an in-place buffer, whose first step may be the last step of
    ///   the data it overwrites.
    public func validate(_ request: MemoryPlanRequest) throws {
        let buffers = request.buffers
        guard offsets.count == buffers.count else {
            throw Diagnostic("memory plan has \(offsets.count) offsets for \(buffers.count) buffers")
        }
        for (index, buffer) in buffers.enumerated() {
            guard buffer.bytes >= 0, buffer.firstStep <= buffer.lastStep else {
                throw Diagnostic("buffer \(buffer.name) has \(buffer.bytes) bytes alive from step \(buffer.firstStep) to \(buffer.lastStep)")
            }
            if let sharing = buffer.sharing {
                try checkSharing(of: index, sharing, in: request)
            } else {
                let offset = offsets[index]
                guard offset >= 0, offset % request.alignment == 0, offset + buffer.bytes <= arenaBytes else {
                    throw Diagnostic("buffer \(buffer.name) at offset \(offset) (\(buffer.bytes) bytes) is not \(request.alignment)-byte aligned inside the arena of \(arenaBytes) bytes")
                }
            }
        }
        try checkAcyclicSharing(request)
        try checkDataOverlaps(request)
    }

    /// Checks that buffer `index` lies inside the buffer it shares, at the place it says, and
    /// that it is alive at a step its kind allows.
    private func checkSharing(of index: Int, _ sharing: BufferSharing, in request: MemoryPlanRequest) throws {
        let buffers = request.buffers, buffer = buffers[index]
        guard buffers.indices.contains(sharing.buffer), sharing.buffer != index else {
            throw Diagnostic("buffer \(buffer.name) shares the bytes of buffer #\(sharing.buffer), which is not another buffer of the request")
        }
        let shared = buffers[sharing.buffer]
        guard sharing.offset >= 0, sharing.offset + buffer.bytes <= shared.bytes else {
            throw Diagnostic("buffer \(buffer.name) (\(buffer.bytes) bytes) at offset \(sharing.offset) of \(shared.name) does not fit in its \(shared.bytes) bytes")
        }
        guard offsets[index] == offsets[sharing.buffer] + sharing.offset else {
            throw Diagnostic("buffer \(buffer.name) is placed at \(offsets[index]) but shares the bytes of \(shared.name) from \(offsets[sharing.buffer] + sharing.offset)")
        }
        switch sharing.kind {
        case .view, .inPlace:
            guard buffer.firstStep >= shared.firstStep else {
                throw Diagnostic("buffer \(buffer.name) (\(sharing.kind.rawValue)) is alive from step \(buffer.firstStep), before \(shared.name) (step \(shared.firstStep))")
            }
        case .slice:
            guard buffer.firstStep <= shared.firstStep else {
                throw Diagnostic("slice \(buffer.name) is written at step \(buffer.firstStep), after its concat \(shared.name) (step \(shared.firstStep))")
            }
        }
    }

    /// Checks that following `sharing` links from any buffer reaches a buffer with bytes of its own.
    private func checkAcyclicSharing(_ request: MemoryPlanRequest) throws {
        let buffers = request.buffers
        for start in buffers.indices {
            var current = start, links = 0
            while let next = buffers[current].sharing?.buffer {
                links += 1
                guard links <= buffers.count else {
                    throw Diagnostic("buffer \(buffers[start].name) shares bytes in a cycle that never reaches a buffer with bytes of its own")
                }
                current = next
            }
        }
    }

    /// Checks that no two writers share a byte while their data is alive (see `validate`).
    private func checkDataOverlaps(_ request: MemoryPlanRequest) throws {
        let buffers = request.buffers
        let data = BufferData(request)
        let writers = buffers.indices.filter { data.isWriter($0) && buffers[$0].bytes > 0 }
        for (position, first) in writers.enumerated() {
            for second in writers[(position + 1)...] {
                let (a, b) = (buffers[first], buffers[second])
                let (aStart, bStart) = (offsets[first], offsets[second])
                guard aStart < bStart + b.bytes, bStart < aStart + a.bytes,
                      a.firstStep <= data.end[second], b.firstStep <= data.end[first],
                      !data.overwrites(second, first), !data.overwrites(first, second) else { continue }
                throw Diagnostic("buffers \(a.name) (bytes \(aStart)..<\(aStart + a.bytes), steps \(a.firstStep)...\(data.end[first])) and \(b.name) (bytes \(bStart)..<\(bStart + b.bytes), steps \(b.firstStep)...\(data.end[second])) overlap while both are alive")
            }
        }
    }
}
