import CNNIR

extension ReferenceKernels {
    /// cast between every pair of element types: floats to i64 truncate toward zero (NaN gives
    /// 0, values beyond the i64 range its nearest end); to bool, nonzero and NaN are true; bool
    /// gives 1 and 0; i64 to f32 or f64 rounds to nearest; f64 to f32 rounds to nearest.
    static let castKernels: [OpKind: ReferenceKernel] = [
        .cast: ReferenceKernel(results: { invocation in
            let x = try invocation.tensor(0)
            let name = try invocation.choice("to", DType.allCases.map(\.rawValue))
            guard let target = DType(rawValue: name) else { throw Diagnostic("unknown element type \(name)") }
            return [try Tensor(shape: x.shape, storage: cast(x, to: target))]
        }),
    ]
}

/// The elements of `x` converted one by one to `target` (the rules of the `cast` op).
func cast(_ x: Tensor, to target: DType) -> TensorStorage {
    if x.dtype == target { return x.storage }
    switch target {
    case .f32: return .f32(x.scalars)
    case .f64: return .f64(x.doubles)
    case .i64: return .i64(Int64.elements(of: x))
    case .bool: return .bool(x.booleans)
    }
}
