/// A run of arena bytes a planner places: a buffer with bytes of its own together with every
/// buffer sharing them, alive from the first step of any of them to the last step of any.
public struct StorageBlock: Sendable, Equatable {
    /// The index of the buffer with bytes of its own.
    public var buffer: Int
    /// Its size, rounded up to the request's alignment.
    public var bytes: Int
    /// The first step at which any buffer of the block is alive.
    public var firstStep: Int
    /// The last step at which any buffer of the block is alive.
    public var lastStep: Int

    /// Creates a block.
    public init(buffer: Int, bytes: Int, firstStep: Int, lastStep: Int) {
        self.buffer = buffer
        self.bytes = bytes
        self.firstStep = firstStep
        self.lastStep = lastStep
    }

    /// The steps from first to last.
    public var lifetime: Int { lastStep - firstStep + 1 }

    /// Whether both blocks are alive at some common step.
    public func isAlive(togetherWith other: StorageBlock) -> Bool {
        firstStep <= other.lastStep && other.firstStep <= lastStep
    }

    /// The most bytes of `blocks` alive at any one step.
    public static func peakLiveBytes(of blocks: [StorageBlock]) -> Int {
        var changes: [(step: Int, bytes: Int)] = []
        for block in blocks where block.bytes > 0 {
            changes.append((block.firstStep, block.bytes))
            changes.append((block.lastStep + 1, -block.bytes))
        }
        changes.sort { $0.step != $1.step ? $0.step < $1.step : $0.bytes < $1.bytes }
        var live = 0, peak = 0
        for change in changes {
            live += change.bytes
            peak = max(peak, live)
        }
        return peak
    }
}
