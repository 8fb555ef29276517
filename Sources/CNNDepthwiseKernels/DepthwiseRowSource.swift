/// Where the direct row kernels (`DepthwiseRows.computeRows(_:from:rows:)`) read a plane: the
/// input rows themselves, with no padded copy. Padding rows are a shared row of zeros, and the
/// padding columns are lanes of the loaded vectors set to zero (a vector that reaches past a
/// row's end or before its start reads the neighbouring floats, then drops them).
public struct DepthwiseRowSource {
    /// Per padded row `t` (output row `r` reads tap row `i` from padded row `stride·r + i`),
    /// where its input row starts; a row of zeros for padding rows. Each may be read from
    /// `−padLeft` up to the last float a tap reads past the row's end.
    public let rows: UnsafePointer<UnsafePointer<Float>>
    /// The input plane's width: the columns of a row that hold image elements.
    public let width: Int
    /// The padding columns before each row.
    public let padLeft: Int
    /// The stride along both axes: 1 (a 3x3 or 5x5 window) or 2 (a 3x3 window; output column
    /// `c` reads tap column `j` from column `2c + j − padLeft`).
    public let stride: Int
    /// Per column `o` in `−16...width + 32`, at `masks + 16·o`, the bits that keep the lanes of a
    /// vector read from column `o` that fall on the row's columns (`laneMasks`).
    public let masks: UnsafePointer<UInt32>
    /// For rows of at most 8 outputs at stride 2 (`DepthwiseRows.computeRowPairs`), the
    /// `tapColumnMasks(width:padLeft:)`; `nil` for the others.
    public let tapColumnMasks: UnsafePointer<UInt32>?

    /// The source reading padded rows from `rows` at `stride`; `masks` is element 16 · 16 of
    /// `laneMasks(width:)`.
    @inlinable
    public init(rows: UnsafePointer<UnsafePointer<Float>>, width: Int, padLeft: Int, stride: Int, masks: UnsafePointer<UInt32>,
                tapColumnMasks: UnsafePointer<UInt32>?) {
        (self.rows, self.width, self.padLeft, self.stride, self.masks) = (rows, width, padLeft, stride, masks)
        self.tapColumnMasks = tapColumnMasks
    }

    /// Per tap column `j` of a 3x3 window at stride 2 over rows `width` columns wide, at `16·j`,
    /// the lanes of a vector holding two output rows of at most 8 outputs (lanes `0..<8` and
    /// `8..<16`) whose input column `2·(lane mod 8) + j − padLeft` is in the row: all bits set
    /// there, zero in the others.
    public static func tapColumnMasks(width: Int, padLeft: Int) -> [UInt32] {
        (0..<3).flatMap { tapColumn in
            (0..<16).map { lane in (0..<width).contains(2 * (lane % 8) + tapColumn - padLeft) ? UInt32.max : 0 }
        }
    }

    /// The lane masks of vectors read from columns `−16...width + 32` of rows `width` columns
    /// wide, 16 per column: all bits set in the lanes on the row, zero in the others.
    public static func laneMasks(width: Int) -> [UInt32] {
        (-16...width + 32).flatMap { column in (0..<16).map { lane in (0..<width).contains(column + lane) ? UInt32.max : 0 } }
    }

    /// The 16 floats of the padded row `row` from its column `offset` on (in `−16...width + 32`),
    /// the lanes outside its columns zero.
    @inlinable @inline(__always)
    func maskedVector(_ row: UnsafePointer<Float>, at offset: Int) -> SIMD16<Float> {
        let vector = UnsafeRawPointer(row + offset).loadUnaligned(as: SIMD16<UInt32>.self)
        let mask = UnsafeRawPointer(masks + offset &* 16).loadUnaligned(as: SIMD16<UInt32>.self)
        return unsafeBitCast(vector & mask, to: SIMD16<Float>.self)
    }
}
