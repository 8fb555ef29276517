/// Where the direct row kernels (`DepthwiseRows.computeRows(_:from:rows:)`) read a plane: the
/// input rows themselves, with no padded copy. Padding rows are a shared row of zeros, and the
/// padding columns are lanes of the loaded vectors set to zero (a vector that reaches past a
/// row's end or before its start reads the neighbouring floats, then drops them).
public struct DepthwiseRowSource {
    /// Per padded row `t` (output row `r` reads tap row `i` from padded row `r + i`), where its
    /// input row starts; a row of zeros for padding rows. Each may be read from `−padLeft` up to
    /// the last float a tap reads past the row's end.
    public let rows: UnsafePointer<UnsafePointer<Float>>
    /// The input plane's width: the columns of a row that hold image elements.
    public let width: Int
    /// The padding columns before each row.
    public let padLeft: Int
    /// Per column `o` in `−16...width`, at `masks + 16·o`, the bits that keep the lanes of a
    /// vector read from column `o` that fall on the row's columns (`laneMasks`).
    public let masks: UnsafePointer<UInt32>

    /// The source reading padded rows from `rows`; `masks` is element 16 · 16 of
    /// `laneMasks(width:)`.
    @inlinable
    public init(rows: UnsafePointer<UnsafePointer<Float>>, width: Int, padLeft: Int, masks: UnsafePointer<UInt32>) {
        (self.rows, self.width, self.padLeft, self.masks) = (rows, width, padLeft, masks)
    }

    /// The lane masks of vectors read from columns `−16...width` of rows `width` columns wide,
    /// 16 per column: all bits set in the lanes on the row, zero in the others.
    public static func laneMasks(width: Int) -> [UInt32] {
        (-16...width).flatMap { column in (0..<16).map { lane in (0..<width).contains(column + lane) ? UInt32.max : 0 } }
    }

    /// The 16 floats of the padded row `row` from its column `offset` on (in `−16...width`),
    /// the lanes outside its columns zero.
    @inlinable @inline(__always)
    func maskedVector(_ row: UnsafePointer<Float>, at offset: Int) -> SIMD16<Float> {
        let vector = UnsafeRawPointer(row + offset).loadUnaligned(as: SIMD16<UInt32>.self)
        let mask = UnsafeRawPointer(masks + offset &* 16).loadUnaligned(as: SIMD16<UInt32>.self)
        return unsafeBitCast(vector & mask, to: SIMD16<Float>.self)
    }
}
