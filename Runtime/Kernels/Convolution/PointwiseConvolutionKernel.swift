/// conv with kernel 1, stride 1 and no padding on every axis (any rank and group count): the
/// input already is the column matrix, so each image and group is one product
/// `Y[group] = W[group] · X[group]` (`C_out/g × C_in/g` times `C_in/g × positions`), no im2col.
struct PointwiseConvolutionKernel: Kernel {
    let name = "gemm1x1"
    let workspaceBytes = 0
    /// The conv's shapes.
    let geometry: ConvolutionGeometry

    /// One product per image and group, onto the bias.
    func run(_ buffers: KernelBuffers, context: KernelContext) {
        let weight = buffers.floatInput(1), bias = buffers.optionalFloatInput(2)
        let (inPerGroup, outPerGroup, plane) = (geometry.inputChannelsPerGroup, geometry.outputChannelsPerGroup, geometry.outputPlane)
        let product = MatrixProduct(rows: outPerGroup, columns: plane, inner: inPerGroup, beta: bias == nil ? 0 : 1)
        geometry.forEachGroup(x: buffers.floatInput(0), y: buffers.floatOutput(0)) { source, output, group in
            if let bias {
                startWithBias(bias + group * outPerGroup, channels: outPerGroup, rows: output, rowStride: plane, length: plane)
            }
            product.run(a: weight + group * outPerGroup * inPerGroup, b: source, c: output)
        }
    }
}
