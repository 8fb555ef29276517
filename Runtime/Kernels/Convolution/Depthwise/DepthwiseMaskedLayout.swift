/// The layout of the masked depthwise path (`DepthwiseMaskedPlanes`), taken by small maps at
/// stride 1 whose output rows are as wide as their input rows (the usual "same" padding): the
/// outputs are numbered row by row across the whole plane, as the inputs are, so that each tap
/// reads the input plane in place at a fixed offset, with lane masks for the padding.
struct DepthwiseMaskedLayout: Sendable {
    /// The largest output plane taken: up to 8 vectors (7x7, 10x10 maps). Larger planes lose
    /// less to the flat sweep's copy and row ends than the masks cost.
    static let largestOutputPlane = 128

    /// The input plane's floats.
    let inputPlane: Int
    /// The output plane's floats (≥ 16).
    let outputPlane: Int
    /// Per tap `i·kw + j`, where it reads the input plane relative to an output.
    let tapOffsets: [Int]
    /// Per output vector and tap, 16 lane masks (`DepthwiseMaskedPlane.masks`).
    let masks: [UInt32]

    /// The floats of a thread's room: a copy of the first or last plane of the tensor with a
    /// plane's room on each side, for the vectors that read past it.
    var slotFloats: Int { (3 * inputPlane + 15) / 16 * 16 }

    /// The layout for a 2-D depthwise geometry when it takes the masked path (stride 1, output
    /// rows as wide as the input rows, between 16 and `largestOutputPlane` outputs, taps that
    /// read no further than the neighbouring planes); `nil` otherwise.
    init?(_ geometry: ConvolutionGeometry) {
        let (height, width) = (geometry.inputSize[1], geometry.inputSize[2])
        let (outputHeight, outputWidth) = (geometry.outputSize[1], geometry.outputSize[2])
        let (kernelHeight, kernelWidth) = (geometry.kernel[1], geometry.kernel[2])
        let (dilationHeight, dilationWidth) = (geometry.dilations[1], geometry.dilations[2])
        let (padTop, padLeft) = (geometry.padsBegin[1], geometry.padsBegin[2])
        (inputPlane, outputPlane) = (height * width, outputHeight * outputWidth)
        guard geometry.strides[1] == 1, geometry.strides[2] == 1, outputWidth == width,
              outputPlane >= 16, outputPlane <= Self.largestOutputPlane else { return nil }
        // Per tap, the input row and column it reads relative to an output's.
        let windows = (0..<kernelHeight).flatMap { i in
            (0..<kernelWidth).map { j in (i * dilationHeight - padTop, j * dilationWidth - padLeft) }
        }
        tapOffsets = windows.map { $0.0 * width + $0.1 }
        guard let smallest = tapOffsets.min(), let largest = tapOffsets.max(),
              smallest >= -inputPlane, outputPlane + largest <= 2 * inputPlane else { return nil }
        let (outputPlane, vectors) = (outputPlane, (outputPlane + 15) / 16)
        masks = (0..<vectors).flatMap { vector in
            windows.flatMap { rowShift, columnShift in
                (0..<16).map { lane -> UInt32 in
                    let output = min(16 * vector, outputPlane - 16) + lane
                    let (row, column) = (output / width + rowShift, output % width + columnShift)
                    return row >= 0 && row < height && column >= 0 && column < width ? UInt32.max : 0
                }
            }
        }
    }
}
