import CNNIR

extension ReferenceKernels {
    /// constant: the `value` literal as a tensor of the literal's type.
    static let constantKernels: [OpKind: ReferenceKernel] = [
        .constant: ReferenceKernel(results: { invocation in [try Tensor(invocation.tensorLiteral("value"))] }),
    ]
}
