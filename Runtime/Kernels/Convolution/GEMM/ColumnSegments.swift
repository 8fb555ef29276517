/// How an im2col or col2im kernel takes the window positions of one image and group (the output
/// positions of a conv, the input positions of a conv_transpose): in segments of at most
/// `length` positions, whose column matrix (`rows × length` floats) is the kernel's workspace.
struct ColumnSegments: Sendable {
    /// The correspondence between a segment's column matrix and the group's image.
    let traversal: ColumnTraversal
    /// The rows of the column matrix: image channels per group times the kernel volume.
    let rows: Int
    /// The window positions of one image.
    let positions: Int
    /// The most positions one segment takes.
    let length: Int

    /// The segments of `geometry` whose column matrix holds at most `columnBufferBytes` (but at
    /// least one position).
    init(_ geometry: ConvolutionGeometry, columnBufferBytes: Int) {
        traversal = ColumnTraversal(geometry)
        rows = geometry.columnRows
        positions = geometry.windowCounts.reduce(1, *)
        length = min(positions, max(1, columnBufferBytes / (rows * MemoryLayout<Float>.stride)))
    }

    /// The scratch bytes of one segment's column matrix.
    var workspaceBytes: Int { WorkspaceSize.bytes(forFloats: rows * length) }

    /// Calls `body` with every segment of window positions, in order.
    @inline(__always)
    func forEach(_ body: (_ segment: Range<Int>) -> Void) {
        for first in stride(from: 0, to: positions, by: length) {
            body(first..<min(first + length, positions))
        }
    }
}
