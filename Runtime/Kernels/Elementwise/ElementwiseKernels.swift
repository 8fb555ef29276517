import CNNIR

/// Fast f32 kernels for the element-wise ops: every activation (SIMD over the contiguous
/// buffer), add/sub/mul/div and prelu with NumPy broadcasting, softmax and log_softmax over
/// any axis, and identity/dropout as copies.
public struct ElementwiseKernels: KernelFamily {
    /// The ops this family has a kernel for (every configuration, f32).
    public static let operations: Set<OpKind> = [
        .relu, .leakyRelu, .prelu, .clip, .sigmoid, .tanh, .hardSigmoid, .hardSwish, .silu, .elu,
        .identity, .dropout, .add, .sub, .mul, .div, .softmax, .logSoftmax,
    ]

    /// Creates the family.
    public init() {}

    public func makeKernel(for request: KernelRequest) throws -> Kernel? {
        guard Self.operations.contains(request.node.op) else { return nil }
        let minimumOperands = [.add, .sub, .mul, .div, .prelu].contains(request.node.op) ? 2 : 1
        guard let shapes = try Float32Shapes(request, minimumOperands: minimumOperands) else { return nil }
        let count = elementCount(shapes.output)
        guard shapes.output == shapes.input || minimumOperands == 2 else {
            throw request.node.error("the result shape \(shapes.output) must equal the operand shape \(shapes.input)")
        }
        let name = "unary:" + request.node.op.rawValue
        switch request.node.op {
        case .relu: return UnaryKernel(name: name, count: count, activation: .relu)
        case .leakyRelu: return UnaryKernel(name: name, count: count, activation: .leakyRelu(alpha: Float(try request.doubleAttribute("alpha"))))
        case .clip:
            return UnaryKernel(name: name, count: count, activation: .clip(lower: Float(try request.doubleAttribute("min")),
                                                                            upper: Float(try request.doubleAttribute("max"))))
        case .sigmoid: return UnaryKernel(name: name, count: count, activation: .sigmoid)
        case .tanh: return UnaryKernel(name: name, count: count, activation: .tanh)
        case .hardSigmoid:
            return UnaryKernel(name: name, count: count, activation: .hardSigmoid(alpha: Float(try request.doubleAttribute("alpha")),
                                                                                   beta: Float(try request.doubleAttribute("beta"))))
        case .hardSwish: return UnaryKernel(name: name, count: count, activation: .hardSwish)
        case .silu: return UnaryKernel(name: name, count: count, activation: .silu)
        case .elu: return UnaryKernel(name: name, count: count, activation: .elu(alpha: Float(try request.doubleAttribute("alpha"))))
        case .identity, .dropout: return CopyKernel(name: "copy", count: count)
        case .softmax, .logSoftmax: return try softmax(request, shapes: shapes)
        case .add: return try binary(.add, request, shapes)
        case .sub: return try binary(.subtract, request, shapes)
        case .mul: return try binary(.multiply, request, shapes)
        case .div: return try binary(.divide, request, shapes)
        default: return try binary(.parametricRectify, request, shapes)
        }
    }

    /// The broadcasting kernel of `operation` (prelu's slope broadcasts to x's shape).
    private func binary(_ operation: BinaryOperator, _ request: KernelRequest, _ shapes: Float32Shapes) throws -> Kernel {
        let plan = try BroadcastPlan(a: shapes.operands[0], b: shapes.operands[1], output: shapes.output, node: request.node)
        return BinaryBroadcastKernel(name: "binary-broadcast:" + request.node.op.rawValue, operation: operation, plan: plan)
    }

    /// softmax or log_softmax over the `axis` attribute.
    private func softmax(_ request: KernelRequest, shapes: Float32Shapes) throws -> Kernel {
        let shape = shapes.input
        let axis = try request.axisAttribute("axis", rank: shape.count)
        let isLogarithmic = request.node.op == .logSoftmax
        return SoftmaxKernel(name: isLogarithmic ? "log-softmax" : "softmax", outer: elementCount(Array(shape[..<axis])),
                             length: shape[axis], inner: elementCount(Array(shape[(axis + 1)...])), isLogarithmic: isLogarithmic)
    }
}
