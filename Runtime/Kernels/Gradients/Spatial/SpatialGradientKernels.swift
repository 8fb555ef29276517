import CNNIR

/// Fast f32 kernels for the gradients of the spatial ops: conv_weight_grad (im2col and the
/// packed GEMM, or a direct loop for depthwise convs), max_pool_grad and avg_pool_grad (every
/// configuration), and pad_grad in constant mode (a crop). pad_grad in reflect and edge mode and
/// resize_grad run on the reference kernels.
public struct SpatialGradientKernels: KernelFamily {
    /// The ops this family has a kernel for (f32; pad_grad only in constant mode).
    public static let operations: Set<OpKind> = [.convWeightGrad, .maxPoolGrad, .avgPoolGrad, .padGrad]

    /// Creates the family.
    public init() {}

    public func makeKernel(for request: KernelRequest) throws -> Kernel? {
        let op = request.node.op
        guard Self.operations.contains(op), let shapes = try Float32Shapes(request, minimumOperands: 2) else { return nil }
        let input = shapes.operands[0], gradient = shapes.operands[1]
        switch op {
        case .convWeightGrad:
            let geometry = try ConvolutionGeometry(weightGradient: request)
            return geometry.isDepthwise ? DepthwiseWeightGradientKernel(geometry: geometry) : try WeightGradientKernel(geometry: geometry)
        case .padGrad:
            guard try request.choiceAttribute("mode", as: PadMode.self) == .constant else { return nil }
            let pads = try request.intsAttribute("pads")
            let rank = input.count
            guard pads.count == 2 * rank, pads.allSatisfy({ $0 >= 0 }),
                  gradient == (0..<rank).map({ input[$0] + pads[$0] + pads[rank + $0] }) else {
                throw request.error("pad_grad needs \(2 * rank) non-negative pads taking x \(input) to dy's shape, found pads \(pads) and dy \(gradient)")
            }
            return CropKernel(input: input, gradient: gradient, beginPads: Array(pads.prefix(rank)))
        default:
            var window = request
            window.attributes["auto_pad"] = .string(AutoPad.notset.rawValue)
            let axes = try PoolWindow(window, input: input, output: gradient).axes
            guard shapes.output == input else {
                throw request.error("the gradient of a pool has x's shape \(input), found \(shapes.output)")
            }
            let selectsMaximum = op == .maxPoolGrad
            return PoolGradientKernel(name: (selectsMaximum ? "maxpool" : "avgpool") + "\(input.count - 2)d-grad",
                                      planes: input[0] * input[1], depth: axes[0], height: axes[1], width: axes[2],
                                      selectsMaximum: selectsMaximum,
                                      countsPadding: selectsMaximum ? false : try request.boolAttribute("count_include_pad"))
        }
    }
}
