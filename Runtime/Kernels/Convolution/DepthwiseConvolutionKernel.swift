/// 2-D depthwise conv (groups = C_in = C_out, weight `[C, 1, kh, kw]`), any kernel size, stride,
/// padding and dilation, computed directly plane by plane (`DepthwisePlane`), no workspace.
struct DepthwiseConvolutionKernel: Kernel {
    let name = "depthwise"
    let workspaceBytes = 0
    /// N · C.
    let planeCount: Int
    /// C.
    let channels: Int
    /// The window of every plane.
    let plane: DepthwisePlane

    /// The kernel of a geometry for which `isDepthwise2D` holds.
    init(_ geometry: ConvolutionGeometry) {
        planeCount = geometry.batch * geometry.inputChannels
        channels = geometry.inputChannels
        plane = DepthwisePlane(geometry)
    }

    func run(_ buffers: KernelBuffers, context: KernelContext) {
        let x = buffers.floatInput(0), weight = buffers.floatInput(1), bias = buffers.optionalFloatInput(2)
        let y = buffers.floatOutput(0)
        let inputPlane = plane.inputHeight * plane.inputWidth, outputPlane = plane.outputHeight * plane.outputWidth
        let taps = plane.kernelHeight * plane.kernelWidth
        for index in 0..<planeCount {
            let channel = index % channels
            plane.convolve(input: x + index * inputPlane, weights: weight + channel * taps,
                           bias: bias?[channel] ?? 0, output: y + index * outputPlane)
        }
    }
}
