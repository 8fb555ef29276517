import CNNIR

extension ReferenceKernels {
    /// add, sub, mul and div with NumPy broadcasting (division by zero follows IEEE: ±inf or NaN).
    static let elementwiseKernels: [OpKind: ReferenceKernel] = [
        .add: binary(+),
        .sub: binary(-),
        .mul: binary(*),
        .div: binary(/),
    ]

    /// A kernel combining its two operands element by element after broadcasting them.
    private static func binary(_ combine: @escaping @Sendable (Double, Double) -> Double) -> ReferenceKernel {
        ReferenceKernel { invocation in
            try broadcastElementwise(invocation.array(0), invocation.array(1), combine)
        }
    }
}
