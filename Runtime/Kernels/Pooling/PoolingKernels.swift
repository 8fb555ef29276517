import CNNIR

/// Fast f32 kernels for max_pool and avg_pool (1-D, 2-D and 3-D; every stride, pad, dilation,
/// ceil_mode and count_include_pad) and for global_avg_pool and global_max_pool.
public struct PoolingKernels: KernelFamily {
    /// The ops this family has a kernel for (every configuration, f32).
    public static let operations: Set<OpKind> = [.maxPool, .avgPool, .globalAvgPool, .globalMaxPool]

    /// Creates the family.
    public init() {}

    public func makeKernel(for request: KernelRequest) throws -> Kernel? {
        let op = request.node.op
        guard Self.operations.contains(op), let shapes = try Float32Shapes(request) else { return nil }
        let input = shapes.input
        guard (3...5).contains(input.count) else {
            throw request.node.error("a pool needs [N, C, spatial...] with 1 to 3 spatial axes, found shape \(input)")
        }
        let planes = input[0] * input[1]
        switch op {
        case .globalAvgPool, .globalMaxPool:
            let planeSize = elementCount(Array(input[2...]))
            return op == .globalAvgPool
                ? GlobalPoolKernel(name: "global-avg-pool", planes: planes, planeSize: planeSize, reduction: .average(countsPadding: false))
                : GlobalPoolKernel(name: "global-max-pool", planes: planes, planeSize: planeSize, reduction: .maximum)
        default:
            let axes = try PoolWindow(request, input: input, output: shapes.output).axes
            let name = (op == .maxPool ? "maxpool" : "avgpool") + "\(input.count - 2)d"
            let reduction: PoolReductionKind = op == .maxPool
                ? .maximum : .average(countsPadding: try request.boolAttribute("count_include_pad"))
            return WindowPoolKernel(name: name, planes: planes, depth: axes[0], height: axes[1], width: axes[2], reduction: reduction)
        }
    }
}
