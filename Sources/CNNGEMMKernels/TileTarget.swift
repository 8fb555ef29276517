/// Where the micro-kernel puts one finished tile: `C = epilogue(product + beta·C)`, the
/// epilogue applied only after the last depth block (earlier blocks leave partial sums).
public struct TileTarget {
    /// The tile's top-left element of C (or of a scratch tile for partial edge tiles).
    public var c: UnsafeMutablePointer<Float>
    /// The distance between consecutive rows of `c`.
    public var leadingC: Int
    /// The scale of C's previous contents: 0 stores without reading C, 1 adds.
    public var beta: Float
    /// The epilogue seen from this tile, or `nil` before the last depth block.
    public var epilogue: GEMMEpilogue?

    /// Creates a target.
    @inlinable
    public init(c: UnsafeMutablePointer<Float>, leadingC: Int, beta: Float, epilogue: GEMMEpilogue?) {
        self.c = c
        self.leadingC = leadingC
        self.beta = beta
        self.epilogue = epilogue
    }
}
