/// The fast f32 kernels of gemm and matmul, both `sgemm` (OpenBLAS's `cblas_sgemm`).
///
/// Other element types get `nil` (the reference kernels run them).
public struct LinearAlgebraKernels: KernelFamily {
    /// Creates the family.
    public init() {}

    /// The kernel for a gemm or matmul node of f32 operands; `nil` for other nodes. Throws a
    /// diagnostic at the node when its shapes and attributes do not fit together.
    public func makeKernel(for request: KernelRequest) throws -> Kernel? {
        guard request.isFloat32Only else { return nil }
        switch request.node.op {
        case .gemm: return try GemmKernel.make(request)
        case .matmul: return try MatmulKernel.make(request)
        default: return nil
        }
    }
}
