/// Where the packed GEMM reads A from.
public enum GEMMOperandA {
    /// A as stored by the caller: `rows × depth` row-major with the given leading dimension,
    /// or `depth × rows` when transposed; packed block by block during the product.
    case unpacked(UnsafePointer<Float>, leadingDimension: Int, transposed: Bool)
    /// A packed whole beforehand (`GEMMDriver.packA`), for the same blocking and sizes.
    case packed(UnsafePointer<Float>)
    /// A read in place, run by run (`WindowedRows`); C's rows are those of the runs.
    case windowed(WindowedRows)
}

/// One product `C = epilogue(A·B + beta·C)` as handed to an instruction set's driver: sizes,
/// operands with their layouts, and what to do with the finished tiles.
public struct GEMMOperation {
    /// Rows of A and C (M).
    public var rows: Int
    /// Columns of B and C (N).
    public var columns: Int
    /// Columns of A, rows of B (K).
    public var depth: Int
    /// The left operand.
    public var a: GEMMOperandA
    /// The right operand: `depth × columns` row-major, or `columns × depth` when transposed.
    public var b: UnsafePointer<Float>
    /// The distance between consecutive stored rows of B.
    public var leadingB: Int
    /// Whether B is stored transposed.
    public var transposeB: Bool
    /// The result, `rows × columns` row-major.
    public var c: UnsafeMutablePointer<Float>
    /// The distance between consecutive rows of C.
    public var leadingC: Int
    /// The scale of C's previous contents: 0 overwrites C without reading it.
    public var beta: Float
    /// Bias, residual and activation applied to each finished tile.
    public var epilogue: GEMMEpilogue
    /// B packed whole beforehand (`GEMMDriver.packB`), read instead of `b`; column ranges
    /// computed from it start on a multiple of NR.
    public var packedB: UnsafePointer<Float>?

    /// Creates an operation.
    @inlinable
    public init(rows: Int, columns: Int, depth: Int, a: GEMMOperandA, b: UnsafePointer<Float>, leadingB: Int,
                transposeB: Bool, c: UnsafeMutablePointer<Float>, leadingC: Int, beta: Float, epilogue: GEMMEpilogue,
                packedB: UnsafePointer<Float>? = nil) {
        self.rows = rows
        self.columns = columns
        self.depth = depth
        self.a = a
        self.b = b
        self.leadingB = leadingB
        self.transposeB = transposeB
        self.c = c
        self.leadingC = leadingC
        self.beta = beta
        self.epilogue = epilogue
        self.packedB = packedB
    }
}
