import CNNIR
import CNNRuntime

/// One depthwise conv or fused_conv to check: its operands and attributes.
struct DepthwiseCase: CustomStringConvertible {
    /// conv or fused_conv.
    var op: OpKind
    /// x, weight, bias (when drawn), residual (fused_conv, when drawn).
    var operands: [Tensor]
    /// The node's attributes.
    var attributes: Attributes

    /// The configuration, to reproduce a failure.
    var description: String { KernelHarness.describe(op, operands, attributes) }
}

/// Draws random 2-D depthwise convs (groups = C_in = C_out): by default widths 1 to 40 (below
/// and above one 16-wide vector), heights 1 to 20, asymmetric pads 0 to 2, batch 1 to 3, 1 to
/// 20 channels, with and without bias.
enum DepthwiseCases {
    /// A random conv with a `kernel` window, `strides` and `dilations`, its sizes and pads drawn
    /// from the ranges given; draws again until the window fits the padded input.
    static func draw(kernel: [Int], strides: [Int], dilations: [Int] = [1, 1], heights: ClosedRange<Int> = 1...20,
                     widths: ClosedRange<Int> = 1...40, pads padRange: ClosedRange<Int> = 0...2,
                     using generator: inout SeededGenerator) throws -> DepthwiseCase {
        while true {
            let channels = generator.nextInt(in: 1...20), batch = generator.nextInt(in: 1...3)
            let height = generator.nextInt(in: heights), width = generator.nextInt(in: widths)
            let pads = (0..<4).map { _ in generator.nextInt(in: padRange) }
            let extents = (0..<2).map { (kernel[$0] - 1) * dilations[$0] + 1 }
            guard height + pads[0] + pads[2] >= extents[0], width + pads[1] + pads[3] >= extents[1] else { continue }
            var operands = [try generator.nextTensor([batch, channels, height, width]),
                            try generator.nextTensor([channels, 1] + kernel)]
            if generator.nextChance(0.7) { operands.append(try generator.nextTensor([channels])) }
            let attributes: Attributes = ["groups": .int(channels), "pads": .ints(pads), "strides": .ints(strides),
                                          "dilations": .ints(dilations)]
            return DepthwiseCase(op: .conv, operands: operands, attributes: attributes)
        }
    }

    /// `drawn` as a fused_conv with `activation` (parameters that matter: clip bounds inside
    /// the data's range, a visible leaky slope), a bias, and a residual when `residual`.
    static func fuse(_ drawn: DepthwiseCase, activation: FusedActivation, residual: Bool,
                     using generator: inout SeededGenerator) throws -> DepthwiseCase {
        var fused = drawn
        fused.op = .fusedConv
        let channels = drawn.operands[1].shape[0]
        if fused.operands.count < 3 { fused.operands.append(try generator.nextTensor([channels])) }
        if residual {
            let resultType = try OpKind.conv.schema.inferResultTypes(operands: drawn.operands.map(\.type),
                                                                     attributes: drawn.attributes)[0]
            fused.operands.append(try generator.nextTensor(resultType.shape.fixedSizes ?? []))
        }
        FusedConvolutionCases.setActivation(activation, on: &fused.attributes)
        return fused
    }
}
