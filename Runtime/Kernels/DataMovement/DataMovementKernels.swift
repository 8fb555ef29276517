import CNNIR

/// Fast f32 kernels for the ops that move elements: concat, pad, transpose, resize; slice,
/// split, expand and tile as strided views of the input; depth_to_space and space_to_depth as
/// transposes of a six-axis view; and the shape-only ops (flatten, reshape, squeeze, unsqueeze)
/// as copies. Other element types run on the reference kernels.
public struct DataMovementKernels: KernelFamily {
    /// The ops this family has a kernel for (every configuration, f32; resize but for
    /// antialiased downsampling and extrapolating tf_crop_and_resize).
    public static let operations: Set<OpKind> = [
        .concat, .flatten, .reshape, .squeeze, .unsqueeze, .transpose, .pad, .resize,
        .slice, .split, .expand, .tile, .depthToSpace, .spaceToDepth,
    ]

    /// Creates the family.
    public init() {}

    public func makeKernel(for request: KernelRequest) throws -> Kernel? {
        let op = request.node.op
        guard Self.operations.contains(op), let shapes = try Float32Shapes(request) else { return nil }
        let input = shapes.input, output = shapes.output
        switch op {
        case .concat:
            return try concat(request, shapes: shapes)
        case .transpose:
            let given = try request.intsAttribute("perm")
            let permutation = given.isEmpty ? Array((0..<input.count).reversed()) : given
            guard permutation.sorted() == Array(0..<input.count), permutation.map({ input[$0] }) == output else {
                throw request.node.error("attribute 'perm' \(permutation) must be a permutation of 0..<\(input.count) taking \(input) to \(output)")
            }
            return TransposeKernel(input: input, permutation: permutation)
        case .pad:
            let kernel = try PadKernel(input: input, pads: try request.intsAttribute("pads"),
                                       mode: try request.choiceAttribute("mode", ["constant", "reflect", "edge"]),
                                       fill: Float(try request.doubleAttribute("value")), node: request.node)
            guard kernel.outputShape == output else {
                throw request.node.error("pad of \(input) gives \(kernel.outputShape), the result type is \(output)")
            }
            return kernel
        case .resize:
            return try ResizeKernel(request, input: input, output: output)
        case .slice, .split, .expand, .tile:
            return try StridedCopyKernel(name: op.rawValue, views: StridedViews.views(request, input: input, results: shapes.results))
        case .depthToSpace, .spaceToDepth:
            let (view, permutation) = try StridedViews.spaceDepthTranspose(request, input: input, output: output)
            return TransposeKernel(input: view, permutation: permutation)
        default:
            guard elementCount(input) == elementCount(output) else {
                throw request.node.error("\(op) keeps the element count, found \(input) -> \(output)")
            }
            return CopyKernel(name: "copy", count: elementCount(output))
        }
    }

    /// concat along the `axis` attribute; every other size must agree with the result's.
    private func concat(_ request: KernelRequest, shapes: Float32Shapes) throws -> Kernel {
        let output = shapes.output
        let axis = try request.axisAttribute("axis", rank: output.count)
        let matches = shapes.operands.allSatisfy { shape in
            shape.count == output.count && shape.indices.allSatisfy { $0 == axis || shape[$0] == output[$0] }
        }
        guard matches, shapes.operands.reduce(0, { $0 + $1[axis] }) == output[axis] else {
            throw request.node.error("cannot concatenate \(shapes.operands) along axis \(axis) into \(output)")
        }
        let inner = elementCount(Array(output[(axis + 1)...]))
        return ConcatKernel(outer: elementCount(Array(output[..<axis])),
                            blockSizes: PreparedTable(shapes.operands.map { $0[axis] * inner }))
    }
}
