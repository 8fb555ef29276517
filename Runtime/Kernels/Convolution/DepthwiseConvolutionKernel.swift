/// 2-D depthwise conv (groups = C_in = C_out, weight `[C, 1, kh, kw]`), any kernel size, stride,
/// padding and dilation, computed directly plane by plane (`DepthwisePlane`); the workspace
/// holds one padded input plane.
struct DepthwiseConvolutionKernel: Kernel {
    let name = "depthwise"
    /// N · C.
    let planeCount: Int
    /// C.
    let channels: Int
    /// Elements of one input plane.
    let inputPlane: Int
    /// Elements of one output plane.
    let outputPlane: Int
    /// Weights of one channel (kh · kw).
    let taps: Int
    /// The window of every plane.
    let plane: DepthwisePlane

    var workspaceBytes: Int { WorkspaceSize.bytes(forFloats: plane.workspaceFloats) }

    /// The kernel of a geometry for which `isDepthwise2D` holds.
    init(_ geometry: ConvolutionGeometry) {
        planeCount = geometry.batch * geometry.inputChannels
        channels = geometry.inputChannels
        inputPlane = geometry.inputPlane
        outputPlane = geometry.outputPlane
        taps = geometry.kernelVolume
        plane = DepthwisePlane(geometry)
    }

    func run(_ buffers: KernelBuffers, context: KernelContext) {
        let x = buffers.floatInput(0), weight = buffers.floatInput(1), bias = buffers.optionalFloatInput(2)
        let y = buffers.floatOutput(0), padded = buffers.requiredFloatWorkspace()
        for index in 0..<planeCount {
            let channel = index % channels
            plane.convolve(input: x + index * inputPlane, weights: weight + channel * taps,
                           bias: bias?[channel] ?? 0, output: y + index * outputPlane, workspace: padded)
        }
    }
}
