import CNNIR
import CNNRuntime

/// Draws random convs that Winograd runs: 2-D, 3x3, stride 1, dilation 1, one group; odd and
/// even sizes from 1 to 23, channel counts 1, 3, 7, 16, 33 and 64, no, unit or asymmetric
/// padding (up to 2), batch 1 to 3, N(0,1) data, with or without bias, weights constant or
/// given only at run time; half of them fused_convs with a residual on most draws and any
/// activation (`FusedConvolutionCases`).
enum WinogradConvolutionCases {
    /// The channel counts drawn, for C_in and C_out.
    static let channelCounts = [1, 3, 7, 16, 33, 64]

    /// The least number of output elements of a draw: a relative L2 error over fewer elements
    /// is dominated by the chance of an output near zero.
    static let minimumOutputCount = 64

    /// A random configuration.
    static func draw(using generator: inout SeededGenerator) throws -> ConvolutionCase {
        while true {
            let batch = generator.nextInt(in: 1...3)
            let inputChannels = generator.nextElement(of: channelCounts), outputChannels = generator.nextElement(of: channelCounts)
            let height = generator.nextInt(in: 1...23), width = generator.nextInt(in: 1...23)
            let pads: [Int]
            switch generator.nextInt(in: 0...2) {
            case 0: pads = [0, 0, 0, 0]
            case 1: pads = [1, 1, 1, 1]
            default: pads = (0..<4).map { _ in generator.nextInt(in: 0...2) }
            }
            let outputHeight = height + pads[0] + pads[2] - 2, outputWidth = width + pads[1] + pads[3] - 2
            guard outputHeight >= 1, outputWidth >= 1,
                  batch * outputChannels * outputHeight * outputWidth >= minimumOutputCount else { continue }
            let normal = RandomDistribution.normal(mean: 0, standardDeviation: 1)
            var operands = [try generator.nextTensor([batch, inputChannels, height, width], normal),
                            try generator.nextTensor([outputChannels, inputChannels, 3, 3], normal)]
            if generator.nextChance(0.7) { operands.append(try generator.nextTensor([outputChannels], normal)) }
            let drawn = ConvolutionCase(op: .conv, operands: operands, attributes: ["pads": .ints(pads)],
                                        constantIndices: generator.nextChance(0.5) ? Set(1..<operands.count) : [])
            return generator.nextChance(0.5) ? try FusedConvolutionCases.fuse(drawn, using: &generator) : drawn
        }
    }
}
