import CNNIR

/// Gradients of the convolutions: the data gradient is a transposed convolution with the same
/// weights — for a stride-1 conv, the same thing written as a conv with the weights flipped and
/// their channel axes swapped, so that it runs on the conv kernels (Winograd, im2col, depthwise)
/// — the filter gradient a correlation of the input with the output gradient, the bias gradient
/// a sum over the batch and spatial axes.
extension VJPRules {
    /// The rule of conv or conv_transpose.
    static func convolutionRule(for op: OpKind) -> VJPRule? {
        switch op {
        case .conv: return convolution
        case .convTranspose: return transposedConvolution
        default: return nil
        }
    }

    /// conv: dx = conv_transpose(dy, w) sized back to x (output_padding takes the rows a stride
    /// skipped), or for stride 1 the equal conv of dy with the flipped weights; dw =
    /// conv_weight_grad(x, dy), db = Σ dy over batch and space.
    private static func convolution(_ c: VJPContext) throws -> [GraphValue?] {
        let e = c.emitter, x = c.operands[0], weight = c.operands[1], dy = try c.outputGradient
        let window = try ConvolutionWindow(c)
        return try perOperand(c) { index in
            switch index {
            case 0:
                let kernel = try e.staticSizes(weight)
                if let pads = window.flippedPads(kernel: kernel), try suitsFlippedConvolution(weight: kernel, groups: c.int("groups")) {
                    var attributes = window.attributes
                    attributes["pads"] = .ints(pads)
                    return try e.apply(.conv, [dy, flippedTransposed(weight, groups: c.int("groups"), emitter: e)], attributes, role: "input")
                }
                var attributes = window.attributes
                attributes["output_padding"] = .ints(window.outputPadding(input: try e.staticSizes(x), output: try e.staticSizes(dy), kernel: kernel))
                return try e.apply(.convTranspose, [dy, weight], attributes, role: "input")
            case 1:
                var attributes = window.attributes
                attributes["kernel"] = .ints(Array(try e.staticSizes(weight).dropFirst(2)))
                return try e.apply(.convWeightGrad, [x, dy], attributes, role: "weight")
            default:
                return try e.apply(.reduceSum, [dy], ["axes": .ints([0] + Array(2..<dy.shape.rank)), "keepdims": .bool(false)], role: "bias")
            }
        }
    }
}

extension VJPRules {
    /// Whether the stride-1 data gradient of a conv with weights of shape `weight` runs better as a
    /// conv than as conv_transpose: when it is depthwise (it runs on the depthwise kernel), or
    /// produces at least 16 channels per group (C_in/g, the rows of the conv's GEMM; with fewer,
    /// most of the GEMM's 12-row register tiles would be idle and col2im is faster — LeNet-5's
    /// 6-channel layer took 3× longer as a conv).
    fileprivate static func suitsFlippedConvolution(weight: [Int], groups: Int) -> Bool {
        let isDepthwise = weight[1] == 1 && weight[0] == groups
        return isDepthwise || weight[1] >= 16
    }

    /// The weights of the stride-1 data gradient: w [C_out, C_in/g, k…] → [C_in, C_out/g, k…] with
    /// the channel axes of each group swapped and every spatial axis reversed.
    fileprivate static func flippedTransposed(_ weight: GraphValue, groups: Int, emitter e: GradientEmitter) throws -> GraphValue {
        let sizes = try e.staticSizes(weight)
        let spatial = Array(sizes.dropFirst(2))
        let grouped = try e.reshape(weight, to: [groups, sizes[0] / groups, sizes[1]] + spatial)
        let swapped = try e.apply(.transpose, [grouped], ["perm": .ints([0, 2, 1] + Array(3..<(3 + spatial.count)))], role: "swapped")
        let axes = Array(3..<(3 + spatial.count))
        let flipped = try e.apply(.slice, [swapped], ["starts": .ints(axes.map { _ in -1 }), "ends": .ints(axes.map { _ in Int.min }),
                                                      "axes": .ints(axes), "steps": .ints(axes.map { _ in -1 })], role: "flipped")
        return try e.reshape(flipped, to: [sizes[1] * groups, sizes[0] / groups] + spatial)
    }

    /// conv_transpose (the adjoint of a conv from its result's space to its input's): dx =
    /// conv(dy, w), dw = conv_weight_grad(dy, x) — the roles of input and output swapped —
    /// db = Σ dy over batch and space.
    fileprivate static func transposedConvolution(_ c: VJPContext) throws -> [GraphValue?] {
        let e = c.emitter, x = c.operands[0], weight = c.operands[1], dy = try c.outputGradient
        let window = try ConvolutionWindow(c)
        return try perOperand(c) { index in
            switch index {
            case 0:
                return try e.apply(.conv, [dy, weight], window.attributes, role: "input")
            case 1:
                var attributes = window.attributes
                attributes["kernel"] = .ints(Array(try e.staticSizes(weight).dropFirst(2)))
                return try e.apply(.convWeightGrad, [dy, x], attributes, role: "weight")
            default:
                return try e.apply(.reduceSum, [dy], ["axes": .ints([0] + Array(2..<dy.shape.rank)), "keepdims": .bool(false)], role: "bias")
            }
        }
    }
}

/// The window attributes of a conv node, explicit (auto_pad resolved before differentiating).
struct ConvolutionWindow {
    /// Step per spatial axis.
    let strides: [Int]
    /// Begin pads then end pads per spatial axis.
    let pads: [Int]
    /// Dilation per spatial axis.
    let dilations: [Int]

    /// The window of the conv in `c`, defaults spelled out per spatial axis.
    init(_ c: VJPContext) throws {
        let spatial = c.operands[0].shape.rank - 2
        func perAxis(_ name: String, _ fill: Int, count: Int) throws -> [Int] {
            let given = try c.ints(name)
            return given.isEmpty ? Array(repeating: fill, count: count) : given
        }
        strides = try perAxis("strides", 1, count: spatial)
        pads = try perAxis("pads", 0, count: 2 * spatial)
        dilations = try perAxis("dilations", 1, count: spatial)
        var stored = Attributes()
        for name in ["strides", "pads", "dilations", "groups"] { stored[name] = c.node.attributes[name] }
        attributes = stored
    }

    /// The window attributes as the node stores them (defaults left out), which conv,
    /// conv_transpose and conv_weight_grad share.
    let attributes: Attributes

    /// The pads of the stride-1 data gradient as a conv of dy with flipped weights,
    /// d·(k − 1) − pad on each side; nil for a strided conv or when a pad exceeds d·(k − 1)
    /// (`kernel` is the weight's shape).
    func flippedPads(kernel: [Int]) -> [Int]? {
        guard strides.allSatisfy({ $0 == 1 }) else { return nil }
        let spatial = strides.count
        let pads = (0..<(2 * spatial)).map { index in dilations[index % spatial] * (kernel[index % spatial + 2] - 1) - self.pads[index] }
        return pads.allSatisfy { $0 >= 0 } ? pads : nil
    }

    /// The output_padding that makes conv_transpose of an `output`-sized gradient `input`-sized
    /// (spatial sizes read from the NC… shapes).
    func outputPadding(input: [Int], output: [Int], kernel: [Int]) -> [Int] {
        let spatial = strides.count
        return (0..<spatial).map { axis in
            let covered = (output[axis + 2] - 1) * strides[axis] - pads[axis] - pads[axis + spatial]
                + dilations[axis] * (kernel[axis + 2] - 1) + 1
            return input[axis + 2] - covered
        }
    }
}
