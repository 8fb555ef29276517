/// conv_transpose of any rank, stride, padding, dilation, output padding and group count as
/// `cblas_sgemm` + col2im, the adjoint of im2col + sgemm.
///
/// For every image and group, the output starts at the bias; the input positions are taken in
/// `segments`, and each segment's column matrix `columns = W[group]ᵀ · X[group][:, segment]`
/// (`(C_out/g · kernel volume) × segment length`, the whole workspace) is scatter-added into
/// the output.
struct TransposedConvolutionKernel: Kernel {
    let name = "col2im+sgemm"
    /// The conv_transpose's shapes and window.
    let geometry: ConvolutionGeometry
    /// The input positions multiplied and scattered at once.
    let segments: ColumnSegments

    var workspaceBytes: Int { segments.workspaceBytes }

    /// Starts the output at the bias, then multiplies and scatters segment by segment, for every image and group.
    func run(_ buffers: KernelBuffers, context: KernelContext) {
        let weight = buffers.floatInput(1), bias = buffers.optionalFloatInput(2)
        let (inPerGroup, outPerGroup, rows) = (geometry.inputChannelsPerGroup, geometry.outputChannelsPerGroup, segments.rows)
        let (inputPlane, outputPlane) = (geometry.inputPlane, geometry.outputPlane)
        buffers.withFloatWorkspace(bytes: workspaceBytes) { columns in
            geometry.forEachGroup(x: buffers.floatInput(0), y: buffers.floatOutput(0)) { source, output, group in
                startWithBias(bias.map { $0 + group * outPerGroup }, channels: outPerGroup, rows: output,
                              rowStride: outputPlane, length: outputPlane)
                segments.forEach { segment in
                    var product = MatrixProduct(rows: rows, columns: segment.count, inner: inPerGroup, transposeA: true)
                    product.leadingB = inputPlane
                    product.run(a: weight + group * inPerGroup * rows, b: source + segment.lowerBound, c: columns)
                    segments.traversal.visit(positions: segment, ColumnScatter(image: output, columns: columns))
                }
            }
        }
    }
}
