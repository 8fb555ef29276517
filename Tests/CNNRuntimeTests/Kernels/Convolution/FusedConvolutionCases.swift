import CNNIR
import CNNRuntime

/// Turns drawn conv configurations into fused_conv ones: a bias (drawn when missing), a
/// residual shaped like the result on most draws, and a random activation with parameters that
/// make it matter (clip bounds inside the data's range, a visible leaky slope).
enum FusedConvolutionCases {
    /// `drawn` as a fused_conv with a random epilogue.
    static func fuse(_ drawn: ConvolutionCase, using generator: inout SeededGenerator) throws -> ConvolutionCase {
        var fused = drawn
        fused.op = .fusedConv
        let outputChannels = drawn.operands[1].shape[0]
        if fused.operands.count < 3 { fused.operands.append(try Tensor.random(shape: [outputChannels], using: &generator)) }
        if generator.nextChance(0.7) {
            let resultType = try OpKind.conv.schema.inferResultTypes(operands: drawn.operands.map(\.type),
                                                                     attributes: drawn.attributes)[0]
            fused.operands.append(try Tensor.random(shape: resultType.shape.fixedSizes ?? [], using: &generator))
        }
        setActivation(generator.nextElement(of: FusedActivation.allCases), on: &fused.attributes)
        return fused
    }

    /// Sets `activation` and, where it has them, parameters that make it matter: clip bounds
    /// inside the data's range, a visible leaky slope, a hard_sigmoid that is not the identity.
    static func setActivation(_ activation: FusedActivation, on attributes: inout Attributes) {
        attributes["activation"] = .string(activation.rawValue)
        switch activation {
        case .clip:
            attributes["activation_alpha"] = .float(-0.5)
            attributes["activation_beta"] = .float(0.75)
        case .leakyRelu:
            attributes["activation_alpha"] = .float(0.1)
        case .hardSigmoid:
            attributes["activation_alpha"] = .float(0.2)
            attributes["activation_beta"] = .float(0.5)
        default:
            break
        }
    }
}
