import CCPU

/// Where the micro-kernel reads A's values for one tile: one float per tile row at each step
/// of the depth, broadcast across the tile's columns.
///
/// Generic code over this protocol is specialized for each operand, so that the micro-kernel's
/// loop holds the operand's addressing and nothing else.
public protocol TileLeftOperand {
    /// A's value in tile row `row` at the current depth step.
    func value(row: Int) -> Float
    /// Moves to the next depth step.
    mutating func advance()
    /// Asks for the values `steps` depth steps ahead to be brought into the caches (operands
    /// streamed from memory: packed weights), or does nothing.
    func prefetch(stepsAhead steps: Int)
}

/// A panel of packed A (`Packing.packA`): MR consecutive floats per depth step.
public struct PackedLeftPanel<Architecture: GEMMArchitecture>: TileLeftOperand {
    /// The current depth step's floats.
    @usableFromInline var step: UnsafePointer<Float>

    /// The panel starting at `start`.
    @inlinable
    public init(_ start: UnsafePointer<Float>) { step = start }

    @inlinable @inline(__always)
    public func value(row: Int) -> Float { step[row] }

    @inlinable @inline(__always)
    public mutating func advance() { step += Architecture.blocking.tileRows }

    /// One line per depth step: two steps of an 8-row panel share a line, so each is asked for twice.
    @inlinable @inline(__always)
    public func prefetch(stepsAhead steps: Int) { ccpu_prefetch(step + steps * Architecture.blocking.tileRows) }
}

/// A tile of a windowed A (`WindowedRows`): at depth step k, tile row r is
/// `source[offsets[k] + r]`, read in place.
public struct WindowedLeftPanel: TileLeftOperand {
    /// The tile's first row's element at offset 0.
    @usableFromInline let source: UnsafePointer<Float>
    /// The current depth step's offset.
    @usableFromInline var offset: UnsafePointer<Int>

    /// The tile whose first row reads `source`, at the depth steps whose offsets start at `offsets`.
    @inlinable
    public init(source: UnsafePointer<Float>, offsets: UnsafePointer<Int>) {
        self.source = source
        offset = offsets
    }

    @inlinable @inline(__always)
    public func value(row: Int) -> Float { source[offset.pointee &+ row] }

    @inlinable @inline(__always)
    public mutating func advance() { offset += 1 }

    /// A conv's input, read in place, is in the caches already.
    @inlinable @inline(__always)
    public func prefetch(stepsAhead steps: Int) {}
}

/// A panel of B as the micro-kernel reads it: NR consecutive floats per depth step, the steps
/// `stride` floats apart (NR when packed by `Packing.packB`; B's leading dimension when read in
/// place).
public struct RightPanel {
    /// The first depth step's floats.
    public var start: UnsafePointer<Float>
    /// The distance between consecutive depth steps, in floats.
    public var stride: Int

    /// The panel at `start` whose depth steps are `stride` floats apart.
    @inlinable
    public init(start: UnsafePointer<Float>, stride: Int) {
        self.start = start
        self.stride = stride
    }
}
