/// conv_transpose of any rank, stride, padding, dilation, output padding and group count as
/// `cblas_sgemm` + col2im, the adjoint of im2col + sgemm.
///
/// For every image and group, the output starts at the bias; the input positions are taken in
/// segments of `segmentLength`, and each segment's column matrix
/// `columns = W[group]ᵀ · X[group][:, segment]` (`(C_out/g · kernel volume) × segmentLength`, the
/// whole workspace) is scatter-added into the output.
struct TransposedConvolutionKernel: Kernel {
    let name = "col2im+sgemm"
    let geometry: ConvolutionGeometry
    let traversal: ColumnTraversal
    /// The input positions multiplied and scattered at once.
    let segmentLength: Int

    var workspaceBytes: Int { WorkspaceSize.bytes(forFloats: geometry.columnRows * segmentLength) }

    /// A kernel whose column matrix holds at most `columnBufferBytes` (but at least one position).
    init(_ geometry: ConvolutionGeometry, columnBufferBytes: Int) {
        self.geometry = geometry
        traversal = ColumnTraversal(geometry)
        let positions = columnBufferBytes / (geometry.columnRows * MemoryLayout<Float>.stride)
        segmentLength = min(geometry.inputPlane, max(1, positions))
    }

    func run(_ buffers: KernelBuffers, context: KernelContext) {
        let x = buffers.floatInput(0), weight = buffers.floatInput(1), bias = buffers.optionalFloatInput(2)
        let y = buffers.floatOutput(0), columns = buffers.requiredFloatWorkspace()
        let g = geometry
        let (inPerGroup, outPerGroup, rows) = (g.inputChannelsPerGroup, g.outputChannelsPerGroup, g.columnRows)
        for image in 0..<g.batch {
            for group in 0..<g.groups {
                let source = x + (image * g.inputChannels + group * inPerGroup) * g.inputPlane
                let output = y + (image * g.outputChannels + group * outPerGroup) * g.outputPlane
                startWithBias(bias.map { $0 + group * outPerGroup }, channels: outPerGroup, rows: output,
                              rowStride: g.outputPlane, length: g.outputPlane)
                for first in stride(from: 0, to: g.inputPlane, by: segmentLength) {
                    let length = min(segmentLength, g.inputPlane - first)
                    var product = MatrixProduct(rows: rows, columns: length, inner: inPerGroup, transposeA: true)
                    product.leadingB = g.inputPlane
                    product.run(a: weight + group * inPerGroup * rows, b: source + first, c: columns)
                    traversal.visit(positions: first..<(first + length), ColumnScatter(image: output, columns: columns))
                }
            }
        }
    }
}
