import Foundation
import CNNIR

extension ReferenceKernels {
    /// The element-wise activations (NaN propagates through each of them).
    static let activationKernels: [OpKind: ReferenceKernel] = [
        .relu: elementwise { _ in { x in x < 0 ? 0 : x } },
        .leakyRelu: elementwise { invocation in
            let alpha = try invocation.double("alpha")
            return { x in x < 0 ? alpha * x : x }
        },
        .elu: elementwise { invocation in
            let alpha = try invocation.double("alpha")
            return { x in x < 0 ? alpha * (exp(x) - 1) : x }
        },
        .clip: elementwise { invocation in
            let lower = try invocation.double("min"), upper = try invocation.double("max")
            return { x in clamp(x, lower, upper) }
        },
        .sigmoid: elementwise { _ in sigmoid },
        .tanh: elementwise { _ in { x in Foundation.tanh(x) } },
        .hardSigmoid: elementwise { invocation in
            let alpha = try invocation.double("alpha"), beta = try invocation.double("beta")
            return { x in clamp(alpha * x + beta, 0, 1) }
        },
        .hardSwish: elementwise { _ in { x in x * clamp(x / 6 + 0.5, 0, 1) } },
        .silu: elementwise { _ in { x in x * sigmoid(x) } },
        .prelu: ReferenceKernel { invocation in
            let x = try invocation.array(0), slope = try invocation.array(1)
            let slopes = try broadcast(slope, to: x.shape)
            return ReferenceArray(shape: x.shape, values: zip(x.values, slopes.values).map { x, a in x < 0 ? a * x : x })
        },
    ]

    /// A kernel applying `function(invocation)` to every element of the first operand.
    static func elementwise(_ function: @escaping @Sendable (ReferenceInvocation) throws -> (Double) -> Double) -> ReferenceKernel {
        ReferenceKernel { invocation in
            var x = try invocation.array(0)
            let apply = try function(invocation)
            x.values = x.values.map(apply)
            return x
        }
    }
}

/// `x` limited to `lower...upper` (`upper` wins if `lower > upper`, as NumPy's clip); NaN stays NaN.
private func clamp(_ x: Double, _ lower: Double, _ upper: Double) -> Double {
    let raised = x < lower ? lower : x
    return raised > upper ? upper : raised
}

/// The logistic function, computed without overflow for large |x|.
private func sigmoid(_ x: Double) -> Double {
    x >= 0 ? 1 / (1 + exp(-x)) : exp(x) / (1 + exp(x))
}
