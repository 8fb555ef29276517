import CNNIR

extension ReferenceKernels {
    /// fused_conv, computed as the ops it replaces: conv, then + residual, then the activation
    /// (the activation's own reference kernel), all in `Double`.
    static let fusedConvolutionKernels: [OpKind: ReferenceKernel] = [
        .fusedConv: ReferenceKernel { invocation in
            var y = try convolutionArray(invocation)
            if let residual = invocation.optionalArray(3) {
                guard residual.shape == y.shape else {
                    throw Diagnostic("the residual must have the result's shape \(describe(y.shape)), found \(describe(residual.shape))")
                }
                for index in y.values.indices { y.values[index] += residual.values[index] }
            }
            return try applyActivation(of: invocation, to: y)
        },
    ]

    /// `y` through the fused activation named by the invocation's attributes, by evaluating the
    /// standalone activation op on it (in f64, so that nothing is rounded on the way).
    private static func applyActivation(of invocation: ReferenceInvocation, to y: ReferenceArray) throws -> ReferenceArray {
        let activation = try invocation.choice("activation", FusedActivation.allCases.map(\.rawValue))
        let alpha = try invocation.double("activation_alpha"), beta = try invocation.double("activation_beta")
        let (op, attributes): (OpKind, Attributes)
        switch FusedActivation(rawValue: activation) ?? .none {
        case .none: return y
        case .relu: (op, attributes) = (.relu, Attributes())
        case .leakyRelu: (op, attributes) = (.leakyRelu, Attributes(["alpha": .float(alpha)]))
        case .clip: (op, attributes) = (.clip, Attributes(["min": .float(alpha), "max": .float(beta)]))
        case .sigmoid: (op, attributes) = (.sigmoid, Attributes())
        case .tanh: (op, attributes) = (.tanh, Attributes())
        case .hardSigmoid: (op, attributes) = (.hardSigmoid, Attributes(["alpha": .float(alpha), "beta": .float(beta)]))
        case .hardSwish: (op, attributes) = (.hardSwish, Attributes())
        case .silu: (op, attributes) = (.silu, Attributes())
        }
        let activated = try evaluate(op, operands: [try y.tensor(.f64)], attributes: attributes)
        return ReferenceArray(activated[0])
    }
}
