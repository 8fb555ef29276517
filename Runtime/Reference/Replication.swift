import CNNIR

extension ReferenceKernels {
    /// expand and tile, exact in every element type.
    static let replicationKernels: [OpKind: ReferenceKernel] = [
        .expand: ReferenceKernel(results: { invocation in
            let x = try invocation.tensor(0)
            let requested = try invocation.ints("shape")
            guard requested.allSatisfy({ $0 >= 0 }) else { throw Diagnostic("shape \(describe(requested)) has a negative size") }
            let shape = try broadcastShape(x.shape, requested)
            return [try x.gathering(IndexMapping.broadcast(from: x.shape, to: shape), shape: shape)]
        }),
        .tile: ReferenceKernel(results: { invocation in [try tile(invocation)] }),
    ]
}

/// tile: output index `i` on each axis reads input index `i mod size`.
private func tile(_ invocation: ReferenceInvocation) throws -> Tensor {
    let x = try invocation.tensor(0)
    let repeats = try invocation.ints("repeats")
    guard repeats.count == x.rank, repeats.allSatisfy({ $0 >= 0 }) else {
        throw Diagnostic("repeats must hold one non-negative count per axis of \(describe(x.shape)), found \(describe(repeats))")
    }
    let strides = rowMajorStrides(x.shape)
    let shape = zip(x.shape, repeats).map { $0 * $1 }
    let axisOffsets = shape.indices.map { axis in (0..<shape[axis]).map { ($0 % x.shape[axis]) * strides[axis] } }
    return try x.gathering(IndexMapping.offsets(shape: shape, axisOffsets: axisOffsets), shape: shape)
}
