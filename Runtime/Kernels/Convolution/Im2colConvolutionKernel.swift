/// conv of any rank, stride, padding, dilation and group count as im2col + `cblas_sgemm`.
///
/// For every image and group, the output positions are taken in segments of `segmentLength`;
/// each segment's column matrix (`columnRows × segmentLength` floats, the whole workspace) is
/// gathered, then `Y[group][:, segment] = W[group] · columns` with the bias as C's starting value.
struct Im2colConvolutionKernel: Kernel {
    let name = "im2col+sgemm"
    let geometry: ConvolutionGeometry
    let traversal: ColumnTraversal
    /// The output positions gathered and multiplied at once.
    let segmentLength: Int

    var workspaceBytes: Int { WorkspaceSize.bytes(forFloats: geometry.columnRows * segmentLength) }

    /// A kernel whose column matrix holds at most `columnBufferBytes` (but at least one position).
    init(_ geometry: ConvolutionGeometry, columnBufferBytes: Int) {
        self.geometry = geometry
        traversal = ColumnTraversal(geometry)
        let positions = columnBufferBytes / (geometry.columnRows * MemoryLayout<Float>.stride)
        segmentLength = min(geometry.outputPlane, max(1, positions))
    }

    func run(_ buffers: KernelBuffers, context: KernelContext) {
        let x = buffers.floatInput(0), weight = buffers.floatInput(1), bias = buffers.optionalFloatInput(2)
        let y = buffers.floatOutput(0), columns = buffers.requiredFloatWorkspace()
        let g = geometry
        let (inPerGroup, outPerGroup, plane, rows) = (g.inputChannelsPerGroup, g.outputChannelsPerGroup, g.outputPlane, g.columnRows)
        for image in 0..<g.batch {
            for group in 0..<g.groups {
                let source = x + (image * g.inputChannels + group * inPerGroup) * g.inputPlane
                let output = y + (image * g.outputChannels + group * outPerGroup) * plane
                let groupBias = bias.map { $0 + group * outPerGroup }
                for first in stride(from: 0, to: plane, by: segmentLength) {
                    let length = min(segmentLength, plane - first)
                    traversal.visit(positions: first..<(first + length), ColumnGather(image: source, columns: columns))
                    if groupBias != nil {
                        startWithBias(groupBias, channels: outPerGroup, rows: output + first, rowStride: plane, length: length)
                    }
                    var product = MatrixProduct(rows: outPerGroup, columns: length, inner: rows, beta: groupBias == nil ? 0 : 1)
                    product.leadingC = plane
                    product.run(a: weight + group * outPerGroup * rows, b: columns, c: output + first)
                }
            }
        }
    }
}
