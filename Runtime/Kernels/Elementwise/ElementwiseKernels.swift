import CNNIR

/// Fast f32 kernels for the element-wise ops: every activation and unary math op (SIMD over the
/// contiguous buffer), the binary and variadic arithmetic with NumPy broadcasting (add, sub,
/// mul, div, pow, prelu; sum, max, min, mean), the comparisons (bool results) and where,
/// softmax and log_softmax over any axis, and identity/dropout as copies.
public struct ElementwiseKernels: KernelFamily {
    /// The ops this family has a kernel for (every configuration, f32; bool where the op has it).
    public static let operations: Set<OpKind> = [
        .relu, .leakyRelu, .prelu, .clip, .sigmoid, .tanh, .hardSigmoid, .hardSwish, .silu, .elu,
        .identity, .dropout, .add, .sub, .mul, .div, .softmax, .logSoftmax,
        .sqrt, .exp, .log, .neg, .abs, .reciprocal, .erf, .softplus, .gelu,
        .pow, .sum, .max, .min, .mean, .equal, .less, .greater, .where,
    ]

    /// The binary ops and their lane operations.
    private static let binaryOperators: [OpKind: BinaryOperator] = [
        .add: .add, .sub: .subtract, .mul: .multiply, .div: .divide, .pow: .power, .prelu: .parametricRectify,
    ]

    /// The variadic ops and how they combine two operands.
    private static let variadicOperators: [OpKind: BinaryOperator] = [.sum: .add, .mean: .add, .max: .maximum, .min: .minimum]

    /// The comparisons.
    private static let relations: [OpKind: ComparisonKernel.Relation] = [.equal: .equal, .less: .less, .greater: .greater]

    /// Creates the family.
    public init() {}

    public func makeKernel(for request: KernelRequest) throws -> Kernel? {
        let op = request.node.op
        guard Self.operations.contains(op) else { return nil }
        if let relation = Self.relations[op] {
            guard let shapes = try Float32Shapes(request, minimumOperands: 2, boolResults: true) else { return nil }
            return ComparisonKernel(name: "compare:" + op.rawValue, relation: relation,
                                    walk: try BroadcastWalk(operands: shapes.operands, output: shapes.output, node: request.node))
        }
        if op == .where {
            guard let shapes = try Float32Shapes(request, minimumOperands: 3, boolOperands: [0]) else { return nil }
            return SelectionKernel(walk: try BroadcastWalk(operands: shapes.operands, output: shapes.output, node: request.node))
        }
        let minimumOperands = Self.binaryOperators[op] == nil ? 1 : 2
        guard let shapes = try Float32Shapes(request, minimumOperands: minimumOperands) else { return nil }
        if let operation = Self.binaryOperators[op] {
            let plan = try BroadcastPlan(a: shapes.operands[0], b: shapes.operands[1], output: shapes.output, node: request.node)
            return BinaryBroadcastKernel(name: "binary-broadcast:" + op.rawValue, operation: operation, plan: plan)
        }
        if let operation = Self.variadicOperators[op] { return try variadic(operation, request, shapes) }
        guard shapes.output == shapes.input else {
            throw request.node.error("the result shape \(shapes.output) must equal the operand shape \(shapes.input)")
        }
        switch op {
        case .identity: return CopyKernel(name: "copy", count: elementCount(shapes.output))
        case .dropout:
            // In training (two results) dropout draws a mask: PointwiseGradientKernels' kernel.
            return try request.boolAttribute("training") ? nil : CopyKernel(name: "copy", count: elementCount(shapes.output))
        case .softmax, .logSoftmax: return try softmax(request, shapes: shapes)
        default: return UnaryKernel(name: "unary:" + op.rawValue, count: elementCount(shapes.output), function: try unaryFunction(request))
        }
    }

    /// The function of a unary op, with its attributes.
    private func unaryFunction(_ request: KernelRequest) throws -> UnaryFunction {
        let float = { (name: String) in Float(try request.doubleAttribute(name)) }
        switch request.node.op {
        case .relu: return .relu
        case .leakyRelu: return .leakyRelu(alpha: try float("alpha"))
        case .clip: return .clip(lower: try float("min"), upper: try float("max"))
        case .sigmoid: return .sigmoid
        case .tanh: return .tanh
        case .hardSigmoid: return .hardSigmoid(alpha: try float("alpha"), beta: try float("beta"))
        case .hardSwish: return .hardSwish
        case .silu: return .silu
        case .elu: return .elu(alpha: try float("alpha"))
        case .sqrt: return .squareRoot
        case .exp: return .exponential
        case .log: return .logarithm
        case .neg: return .negation
        case .abs: return .absoluteValue
        case .reciprocal: return .reciprocal
        case .erf: return .errorFunction
        case .softplus: return .softPlus
        default:
            return .gaussianErrorLinearUnit(tanh: try request.choiceAttribute("approximate", as: GeluApproximation.self) == .tanh)
        }
    }

    /// sum, max, min or mean: the first two operands into the output, then each further one.
    private func variadic(_ operation: BinaryOperator, _ request: KernelRequest, _ shapes: Float32Shapes) throws -> Kernel {
        let output = shapes.output, operands = shapes.operands
        var plans: [BroadcastPlan] = []
        if operands.count >= 2 {
            plans.append(try BroadcastPlan(a: operands[0], b: operands[1], output: output, node: request.node))
            for shape in operands.dropFirst(2) { plans.append(try BroadcastPlan(a: output, b: shape, output: output, node: request.node)) }
        } else if operands[0] != output {
            throw request.node.error("the result shape \(output) must equal the operand shape \(operands[0])")
        }
        let scale: Float = request.node.op == .mean ? 1 / Float(operands.count) : 1
        return VariadicBroadcastKernel(name: "variadic-broadcast:" + request.node.op.rawValue, operation: operation, plans: plans,
                                       count: elementCount(output), scale: scale)
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
