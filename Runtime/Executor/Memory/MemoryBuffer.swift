/// One buffer a run needs: its size, and the steps during which it holds live data (both ends
/// included). Two buffers may share bytes only if their step ranges do not meet, or if one
/// declares that it shares the other's bytes (`sharing`).
public struct MemoryBuffer: Sendable, Equatable {
    /// What the buffer holds, for messages (`%conv1`, `workspace of %conv1`).
    public var name: String
    /// Its size in bytes.
    public var bytes: Int
    /// The first step at which it is written.
    public var firstStep: Int
    /// The last step at which it is read.
    public var lastStep: Int
    /// The buffer whose bytes this one lives in, or `nil` when it has bytes of its own, placed
    /// by the planner.
    public var sharing: BufferSharing?

    /// Creates a buffer description.
    public init(name: String, bytes: Int, firstStep: Int, lastStep: Int, sharing: BufferSharing? = nil) {
        self.name = name
        self.bytes = bytes
        self.firstStep = firstStep
        self.lastStep = lastStep
        self.sharing = sharing
    }

    /// Whether both buffers hold live data at some common step.
    public func isAlive(togetherWith other: MemoryBuffer) -> Bool {
        firstStep <= other.lastStep && other.firstStep <= lastStep
    }
}

/// How a buffer lives inside another buffer's bytes: at `offset` bytes into buffer `buffer`
/// (an index in the request), for one of three reasons.
public struct BufferSharing: Sendable, Equatable {
    /// Why the bytes are shared, which says who writes them and when.
    public enum Kind: String, Sendable, CaseIterable {
        /// The same data as the other buffer's bytes, never written itself (reshape, flatten,
        /// squeeze, unsqueeze, identity, dropout: their step computes nothing).
        case view
        /// Written at its first step over the other buffer's data, which dies at that step: an
        /// element-wise kernel that reads each element before writing the same index.
        case inPlace = "in-place"
        /// Written at its first step into a slice of the other buffer, a concat result that is
        /// never written itself: it holds its slices (the concat step computes nothing).
        case slice
    }

    /// Why the bytes are shared.
    public var kind: Kind
    /// The index, in the request, of the buffer whose bytes are shared.
    public var buffer: Int
    /// Where this buffer starts inside the other one, in bytes.
    public var offset: Int

    /// Creates a sharing.
    public init(_ kind: Kind, of buffer: Int, offset: Int = 0) {
        self.kind = kind
        self.buffer = buffer
        self.offset = offset
    }
}
