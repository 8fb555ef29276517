import CNNIR

/// Fast f32 kernels for the ops that move elements: concat, pad, transpose, resize, and the
/// shape-only ops (flatten, reshape, squeeze, unsqueeze) as copies.
public struct DataMovementKernels: KernelFamily {
    /// The ops this family has a kernel for (every configuration, f32).
    public static let operations: Set<OpKind> = [.concat, .flatten, .reshape, .squeeze, .unsqueeze, .transpose, .pad, .resize]

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
