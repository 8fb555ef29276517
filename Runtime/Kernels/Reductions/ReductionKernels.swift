import CNNIR

/// Fast kernels for the reductions of f32 tensors: reduce_sum, reduce_mean, reduce_max,
/// reduce_min and reduce_l2 over any axes (f32 results), argmax and argmin along one axis
/// (i64 results).
public struct ReductionKernels: KernelFamily {
    /// The ops this family has a kernel for (every configuration, f32 input).
    public static let operations: Set<OpKind> = [.reduceSum, .reduceMean, .reduceMax, .reduceMin, .reduceL2, .argmax, .argmin]

    /// The reductions over axes.
    private static let kinds: [OpKind: AxisReductionKernel.Kind] = [
        .reduceSum: .sum, .reduceMean: .mean, .reduceMax: .maximum, .reduceMin: .minimum, .reduceL2: .euclideanNorm,
    ]

    /// Creates the family.
    public init() {}

    public func makeKernel(for request: KernelRequest) throws -> Kernel? {
        let op = request.node.op
        guard Self.operations.contains(op), request.operandTypes.first?.dtype == .f32 else { return nil }
        guard let input = request.operandTypes[0].shape.fixedSizes, let output = request.resultTypes.first?.shape.fixedSizes else {
            throw request.error("a fast kernel needs static shapes, found \(request.operandTypes) -> \(request.resultTypes)")
        }
        guard let kind = Self.kinds[op] else { return try indexReduction(request, input: input, output: output) }
        guard request.resultTypes[0].dtype == .f32 else { return nil }
        let given = try request.intsAttribute("axes")
        if given.isEmpty, try request.boolAttribute("noop_with_empty_axes") { return CopyKernel(name: "copy", count: elementCount(input)) }
        var axes = Set<Int>()
        for axis in given {
            let normalized = axis < 0 ? axis + input.count : axis
            guard (0..<input.count).contains(normalized), axes.insert(normalized).inserted else {
                throw request.error("attribute 'axes' \(given) must name distinct axes of rank \(input.count)")
            }
        }
        if given.isEmpty { axes = Set(input.indices) }
        let keptCount = elementCount(input.indices.map { axes.contains($0) ? 1 : input[$0] })
        guard keptCount == elementCount(output) else {
            throw request.error("reducing \(input) over \(axes.sorted()) gives \(keptCount) elements, the result type \(output) has \(elementCount(output))")
        }
        return AxisReductionKernel(name: "reduce:" + op.rawValue, kind: kind, input: input, axes: axes)
    }

    /// argmax or argmin along the `axis` attribute (result i64).
    private func indexReduction(_ request: KernelRequest, input: [Int], output: [Int]) throws -> Kernel? {
        guard request.resultTypes[0].dtype == .i64 else { return nil }
        let axis = try request.axisAttribute("axis", rank: input.count)
        guard input[axis] > 0, elementCount(input) / input[axis] == elementCount(output) else {
            throw request.error("\(request.node.op) along axis \(axis) of \(input) cannot give \(output)")
        }
        return IndexReductionKernel(name: request.node.op.rawValue, largest: request.node.op == .argmax,
                                    selectsLast: try request.boolAttribute("select_last_index"),
                                    outer: elementCount(Array(input[..<axis])), length: input[axis],
                                    inner: elementCount(Array(input[(axis + 1)...])))
    }
}
