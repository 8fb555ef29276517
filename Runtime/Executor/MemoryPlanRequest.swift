/// One buffer a run needs: its size, and the steps during which it holds live data (both ends
/// included). Two buffers may share bytes only if their step ranges do not meet.
public struct MemoryBuffer: Sendable, Equatable {
    /// What the buffer holds, for messages (`%conv1`, `workspace of %conv1`).
    public var name: String
    /// Its size in bytes.
    public var bytes: Int
    /// The first step at which it is written.
    public var firstStep: Int
    /// The last step at which it is read.
    public var lastStep: Int

    /// Creates a buffer description.
    public init(name: String, bytes: Int, firstStep: Int, lastStep: Int) {
        self.name = name
        self.bytes = bytes
        self.firstStep = firstStep
        self.lastStep = lastStep
    }

    /// Whether both buffers hold live data at some common step.
    public func isAlive(togetherWith other: MemoryBuffer) -> Bool {
        firstStep <= other.lastStep && other.firstStep <= lastStep
    }
}

/// What a memory planner places: every buffer of a run, and the alignment of every offset.
public struct MemoryPlanRequest: Sendable, Equatable {
    /// The buffers, in a fixed order; a plan gives one offset per buffer, in the same order.
    public var buffers: [MemoryBuffer]
    /// Every offset must be a multiple of this (64 bytes: a cache line, and AVX-512 loads).
    public var alignment: Int

    /// Creates a request.
    public init(buffers: [MemoryBuffer], alignment: Int = 64) {
        self.buffers = buffers
        self.alignment = max(1, alignment)
    }

    /// The bytes needed if every buffer had its own memory: the naive sum.
    public var naiveBytes: Int { buffers.reduce(0) { $0 + $1.bytes } }

    /// The most bytes alive at any one step: no plan can use a smaller arena.
    public var peakLiveBytes: Int {
        var changes: [(step: Int, bytes: Int)] = []
        for buffer in buffers where buffer.bytes > 0 {
            changes.append((buffer.firstStep, buffer.bytes))
            changes.append((buffer.lastStep + 1, -buffer.bytes))
        }
        changes.sort { $0.step != $1.step ? $0.step < $1.step : $0.bytes < $1.bytes }
        var live = 0, peak = 0
        for change in changes {
            live += change.bytes
            peak = max(peak, live)
        }
        return peak
    }

    /// `offset` rounded up to the alignment.
    func aligned(_ offset: Int) -> Int {
        (offset + alignment - 1) / alignment * alignment
    }
}
