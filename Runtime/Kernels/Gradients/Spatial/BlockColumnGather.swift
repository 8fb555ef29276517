/// im2col into a block of a wider column matrix: the column matrix a `ColumnTraversal` visits
/// (`rows × pieceLength`) is written at the block's first column with rows `rowStride` apart,
/// so that several images' columns sit side by side in one matrix (`rowStride ≥ pieceLength`).
struct BlockColumnGather: ColumnAction {
    /// The image the traversal reads.
    let image: UnsafePointer<Float>
    /// The block's first element in the wider matrix.
    let columns: UnsafeMutablePointer<Float>
    /// The columns of the block (the positions the traversal visits).
    let pieceLength: Int
    /// The distance between rows of the wider matrix.
    let rowStride: Int

    /// Where the traversal's column entry `column` goes.
    @inline(__always)
    private func destination(_ column: Int) -> UnsafeMutablePointer<Float> {
        guard rowStride != pieceLength else { return columns + column }
        let row = column / pieceLength
        return columns + row * rowStride + (column - row * pieceLength)
    }

    @inline(__always)
    func transfer(column: Int, image offset: Int, count: Int, step: Int) {
        let source = image + offset, target = destination(column)
        if step == 1 {
            target.update(from: source, count: count)
        } else {
            for index in 0..<count { target[index] = source[index * step] }
        }
    }

    @inline(__always)
    func pad(column: Int, count: Int) {
        destination(column).update(repeating: 0, count: count)
    }
}
