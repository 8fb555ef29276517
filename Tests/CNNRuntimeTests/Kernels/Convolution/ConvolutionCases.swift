import CNNIR
import CNNRuntime

/// One random conv or conv_transpose configuration with its operands.
struct ConvolutionCase: CustomStringConvertible {
    /// conv or conv_transpose.
    var op: OpKind
    /// x, weight and, when drawn, bias.
    var operands: [Tensor]
    /// The node's attributes.
    var attributes: Attributes
    /// The operands handed over as constants when the kernel is prepared (the weights, or none).
    var constantIndices: Set<Int>

    /// The configuration, to reproduce a failure: op, operand shapes, attributes, constant operands.
    var description: String {
        KernelHarness.describe(op, operands, attributes) + " constants \(constantIndices.sorted())"
    }
}

/// Draws random convolution configurations of one kind: odd sizes, 1 and prime channel counts,
/// strides up to 3, asymmetric pads, dilation, groups, batch up to 3, auto_pad, with and without
/// bias, weights given at preparation or only at run time.
enum ConvolutionCases {
    /// Which configurations to draw.
    enum Kind {
        /// conv with any kernel, stride, padding, dilation and groups over the given spatial ranks.
        case general(ranks: [Int])
        /// conv with kernel 1, stride 1 and no padding over 1 to 3 spatial axes.
        case pointwise
        /// 2-D depthwise conv (groups = C_in = C_out) with kernels up to 5 and rows wide enough
        /// for several SIMD chunks.
        case depthwise
        /// conv_transpose over the given spatial ranks, with output_padding.
        case transposed(ranks: [Int])
    }

    /// Channel counts per group: 1, small, and primes.
    private static let channelCounts = [1, 1, 2, 3, 4, 5, 7, 16]

    /// A random configuration of `kind` whose shapes are valid (draws again until they are).
    static func draw(_ kind: Kind, using generator: inout SeededGenerator) throws -> ConvolutionCase {
        while true {
            let candidate = try propose(kind, using: &generator)
            let types = candidate.operands.map(\.type)
            if (try? candidate.op.schema.inferResultTypes(operands: types, attributes: candidate.attributes)) != nil {
                return candidate
            }
        }
    }

    /// One proposal, which may not fit (a window larger than the padded input, say).
    private static func propose(_ kind: Kind, using generator: inout SeededGenerator) throws -> ConvolutionCase {
        let rank: Int
        switch kind {
        case .general(let ranks), .transposed(let ranks): rank = generator.nextElement(of: ranks)
        case .pointwise: rank = generator.nextInt(in: 1...3)
        case .depthwise: rank = 2
        }
        let transposed: Bool
        if case .transposed = kind { transposed = true } else { transposed = false }
        let batch = generator.nextInt(in: 1...3)
        var groups = generator.nextElement(of: [1, 1, 2, 3])
        var inPerGroup = generator.nextElement(of: channelCounts), outPerGroup = generator.nextElement(of: channelCounts)
        if case .depthwise = kind {
            groups = generator.nextElement(of: [1, 2, 3, 5, 8])
            (inPerGroup, outPerGroup) = (1, 1)
        } else if kind.isPointwise && rank == 2 && inPerGroup == 1 && outPerGroup == 1 {
            outPerGroup = 2  // one channel in and out per group is depthwise, which has its own kernel
        }
        let maximumKernel = rank == 3 ? 2 : kind.isDepthwise ? 5 : 3
        let kernel = (0..<rank).map { _ in kind.isPointwise ? 1 : generator.nextInt(in: 1...maximumKernel) }
        let strides = (0..<rank).map { _ in kind.isPointwise ? 1 : generator.nextInt(in: 1...3) }
        let dilations = (0..<rank).map { _ in generator.nextInt(in: 1...(kind.isDepthwise ? 3 : 2)) }
        let pads = (0..<(2 * rank)).map { _ in kind.isPointwise ? 0 : generator.nextInt(in: 0...(kind.isDepthwise ? 3 : 2)) }
        let spatial = (0..<rank).map { axis -> Int in
            if kind.isDepthwise && axis == 1 { return generator.nextInt(in: 1...40) }
            let limit = rank == 3 ? 5 : rank == 2 ? 8 : 13
            return generator.nextInt(in: 1...limit)
        }
        var attributes: Attributes = ["strides": .ints(strides), "dilations": .ints(dilations), "groups": .int(groups)]
        if kind.isDepthwise { attributes["algorithm"] = .string("depthwise") }
        if !kind.isPointwise && generator.nextChance(0.15) {
            attributes["auto_pad"] = .string(generator.nextElement(of: ["same_upper", "same_lower", "valid"]))
        } else {
            attributes["pads"] = .ints(pads)
        }
        if transposed {
            attributes["output_padding"] = .ints((0..<rank).map { axis in
                generator.nextInt(in: 0...(max(strides[axis], dilations[axis]) - 1))
            })
        }
        let inputChannels = groups * inPerGroup, outputChannels = groups * outPerGroup
        let weightShape = transposed ? [inputChannels, outPerGroup] + kernel : [outputChannels, inPerGroup] + kernel
        var operands = [try Tensor.random(shape: [batch, inputChannels] + spatial, using: &generator),
                        try Tensor.random(shape: weightShape, using: &generator)]
        if generator.nextChance(0.7) { operands.append(try Tensor.random(shape: [outputChannels], using: &generator)) }
        let constantIndices: Set<Int> = generator.nextChance(0.5) ? Set(1..<operands.count) : []
        return ConvolutionCase(op: transposed ? .convTranspose : .conv, operands: operands, attributes: attributes,
                               constantIndices: constantIndices)
    }
}

extension ConvolutionCases.Kind {
    /// Whether this kind draws pointwise convolutions.
    var isPointwise: Bool {
        if case .pointwise = self { return true }
        return false
    }

    /// Whether this kind draws depthwise convolutions.
    var isDepthwise: Bool {
        if case .depthwise = self { return true }
        return false
    }
}
