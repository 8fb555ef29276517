/// What a packed GEMM does to each finished tile of C while it is still in registers, before it
/// is stored: `C = activation(A·B + beta·C + rowBias[i] + columnBias[j] + residual[i, j])`.
///
/// A convolution passes its per-output-channel bias as `rowBias` (output channels are the rows
/// of C), a fused residual connection as `residual`, and its activation. Pointers are read
/// only: `rowBias` must hold `rows` elements, `columnBias` `columns` elements, and `residual`
/// a `rows × columns` matrix whose rows are `residualLeadingDimension` elements apart. The
/// residual may be C itself only if it is the same matrix with the same leading dimension.
public struct GEMMEpilogue: @unchecked Sendable {
    /// One value per row of C, added to every element of the row (`nil`: none).
    public var rowBias: UnsafePointer<Float>?
    /// One value per column of C, added to every element of the column (`nil`: none).
    public var columnBias: UnsafePointer<Float>?
    /// A matrix added element-wise to C (`nil`: none).
    public var residual: UnsafePointer<Float>?
    /// The distance between consecutive rows of `residual`, in elements.
    public var residualLeadingDimension: Int
    /// The activation applied last.
    public var activation: GEMMActivation

    /// An epilogue that stores the product unchanged.
    public static let none = GEMMEpilogue()

    /// Creates an epilogue; each part defaults to "none".
    public init(rowBias: UnsafePointer<Float>? = nil, columnBias: UnsafePointer<Float>? = nil,
                residual: UnsafePointer<Float>? = nil, residualLeadingDimension: Int = 0,
                activation: GEMMActivation = .none) {
        self.rowBias = rowBias
        self.columnBias = columnBias
        self.residual = residual
        self.residualLeadingDimension = residualLeadingDimension
        self.activation = activation
    }

    /// The same epilogue seen from the tile whose top-left element is C[row, column].
    @inlinable
    public func offset(row: Int, column: Int) -> GEMMEpilogue {
        var moved = self
        moved.rowBias = rowBias.map { $0 + row }
        moved.columnBias = columnBias.map { $0 + column }
        moved.residual = residual.map { $0 + row * residualLeadingDimension + column }
        return moved
    }
}
