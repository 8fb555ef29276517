/// conv of any rank, stride, padding, dilation and group count as im2col + `cblas_sgemm`.
///
/// For every image and group, the output positions are taken in `segments`; each segment's
/// column matrix (the whole workspace) is gathered, then
/// `Y[group][:, segment] = W[group] · columns` with the bias as C's starting value.
struct Im2colConvolutionKernel: Kernel {
    let name = "im2col+sgemm"
    /// The conv's shapes and window.
    let geometry: ConvolutionGeometry
    /// The output positions gathered and multiplied at once.
    let segments: ColumnSegments

    var workspaceBytes: Int { segments.workspaceBytes }

    /// Gathers, multiplies and adds the bias segment by segment, for every image and group.
    func run(_ buffers: KernelBuffers, context: KernelContext) {
        let weight = buffers.floatInput(1), bias = buffers.optionalFloatInput(2), columns = buffers.requiredFloatWorkspace()
        let (outPerGroup, plane, rows) = (geometry.outputChannelsPerGroup, geometry.outputPlane, segments.rows)
        geometry.forEachGroup(x: buffers.floatInput(0), y: buffers.floatOutput(0)) { source, output, group in
            let groupBias = bias.map { $0 + group * outPerGroup }
            segments.forEach { segment in
                let first = segment.lowerBound, length = segment.count
                segments.traversal.visit(positions: segment, ColumnGather(image: source, columns: columns))
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
