/// Typed builders for slicing, splitting, replication and the space/depth rearrangements.
extension GraphBuilder {
    /// `slice` from `starts` to `ends` (exclusive) by `steps` along `axes` (ONNX Slice; empty
    /// `axes` means 0, 1, …; empty `steps` means 1).
    public func slice(_ x: GraphValue, starts: [Int], ends: [Int], axes: [Int] = [], steps: [Int] = [],
                      name: String? = nil) throws -> GraphValue {
        try apply(.slice, [x], ["starts": .ints(starts), "ends": .ints(ends), "axes": .ints(axes), "steps": .ints(steps)],
                  name: name)
    }

    /// `split` of x along `axis` into parts of the given `sizes`, one result per size.
    public func split(_ x: GraphValue, axis: Int = 0, sizes: [Int], names: [String]? = nil) throws -> [GraphValue] {
        try apply(.split, [x], ["axis": .int(axis), "split": .ints(sizes)], resultCount: sizes.count, names: names)
    }

    /// `split` of x along `axis` into `parts` equal parts (the last smaller when the axis does
    /// not divide evenly).
    public func split(_ x: GraphValue, axis: Int = 0, parts: Int, names: [String]? = nil) throws -> [GraphValue] {
        try apply(.split, [x], ["axis": .int(axis)], resultCount: parts, names: names)
    }

    /// `expand`: x broadcast with `shape`.
    public func expand(_ x: GraphValue, shape: [Int], name: String? = nil) throws -> GraphValue {
        try apply(.expand, [x], ["shape": .ints(shape)], name: name)
    }

    /// `tile`: x repeated `repeats[i]` times along axis i.
    public func tile(_ x: GraphValue, repeats: [Int], name: String? = nil) throws -> GraphValue {
        try apply(.tile, [x], ["repeats": .ints(repeats)], name: name)
    }

    /// `depth_to_space` with blocks of `blocksize` × `blocksize`.
    public func depthToSpace(_ x: GraphValue, blocksize: Int, mode: DepthToSpaceMode = .dcr,
                             name: String? = nil) throws -> GraphValue {
        try apply(.depthToSpace, [x], ["blocksize": .int(blocksize), "mode": .string(mode.rawValue)], name: name)
    }

    /// `space_to_depth` with blocks of `blocksize` × `blocksize`.
    public func spaceToDepth(_ x: GraphValue, blocksize: Int, name: String? = nil) throws -> GraphValue {
        try apply(.spaceToDepth, [x], ["blocksize": .int(blocksize)], name: name)
    }
}
