import CNNIR

/// The kernel chosen for one node: a fast family's, or the reference fallback.
enum NodeKernel: Sendable {
    /// A fast kernel, run through `Kernel.run`.
    case fast(any Kernel)
    /// The reference kernels, run through the adapter's throwing `evaluate`.
    case reference(ReferenceKernelAdapter)

    /// The kernel, for its name and workspace.
    var kernel: any Kernel {
        switch self {
        case .fast(let kernel): return kernel
        case .reference(let adapter): return adapter
        }
    }
}

/// Chooses the kernel of each node: the fast families are asked in a fixed order and the first
/// kernel offered wins; when none offers one, the node runs on the reference kernels.
public struct KernelRegistry: Sendable {
    /// The fast families, in the order they are asked.
    public var families: [any KernelFamily]

    /// Every fast kernel family of the runtime, in the order the executor asks them.
    public static let fastFamilies: [any KernelFamily] = [
        ConvolutionKernels(),
        LinearAlgebraKernels(),
        PoolingKernels(),
        NormalizationKernels(),
        PointwiseGradientKernels(),
        ElementwiseKernels(),
        ReductionKernels(),
        DataMovementKernels(),
        SpatialGradientKernels(),
        OptimizerKernels(),
    ]

    /// Creates a registry asking `families` in order.
    public init(families: [any KernelFamily] = KernelRegistry.fastFamilies) {
        self.families = families
    }

    /// The kernel for `request`: with the `.fast` backend the first family's that offers one,
    /// else (and always with `.reference`) the reference adapter. A family's diagnostic is
    /// located at the node.
    func kernel(for request: KernelRequest, backend: ExecutionOptions.Backend) throws -> NodeKernel {
        if backend == .fast {
            for family in families {
                do {
                    if let kernel = try family.makeKernel(for: request) { return .fast(kernel) }
                } catch let diagnostic as Diagnostic {
                    let node = request.node
                    throw diagnostic.attributed(to: node.location, node: node.name, op: node.op.rawValue)
                }
            }
        }
        return .reference(ReferenceKernelAdapter(node: request.node, operandTypes: request.operandTypes,
                                                 resultTypes: request.resultTypes))
    }
}
