import Foundation
import CNNIR

extension ReferenceKernels {
    /// The element-wise math of one operand: floating (sqrt, exp, log, reciprocal, erf,
    /// softplus, gelu) or numeric (neg, abs, exact on i64).
    static let unaryMathKernels: [OpKind: ReferenceKernel] = [
        .sqrt: elementwise { _ in { x in Foundation.sqrt(x) } },
        .exp: elementwise { _ in { x in Foundation.exp(x) } },
        .log: elementwise { _ in { x in Foundation.log(x) } },
        .reciprocal: elementwise { _ in { x in 1 / x } },
        .erf: elementwise { _ in { x in Foundation.erf(x) } },
        .softplus: elementwise { _ in { x in x > 0 ? x + log1p(Foundation.exp(-x)) : log1p(Foundation.exp(x)) } },
        // gelu's 1 + erf(x/√2) and 1 + tanh(u) cancel for negative x, even in Double; the same
        // functions written as erfc(−x/√2) and 2/(1 + e^(−2u)) do not.
        .gelu: elementwise { invocation in
            try invocation.choice("approximate", GeluApproximation.allCases.map(\.rawValue)) == GeluApproximation.tanh.rawValue
                ? { x in x / (1 + Foundation.exp(-2 * (2 / Double.pi).squareRoot() * (x + 0.044715 * x * x * x))) }
                : { x in 0.5 * x * Foundation.erfc(-x / 2.squareRoot()) }
        },
        .neg: ReferenceKernel(numeric: SignArithmetic(isNegation: true)),
        .abs: ReferenceKernel(numeric: SignArithmetic(isNegation: false)),
    ]
}

/// neg or abs of every element, in the operand's own number type.
private struct SignArithmetic: NumericComputation {
    /// neg when true, abs when false.
    let isNegation: Bool

    func compute<Number: ReferenceNumber>(_ invocation: ReferenceInvocation, as type: Number.Type) throws -> ShapedArray<Number> {
        var x = try invocation.numbers(0, as: type)
        x.values = x.values.map(isNegation ? Number.negation : Number.absolute)
        return x
    }
}
