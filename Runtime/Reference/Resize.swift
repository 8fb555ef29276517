import CNNIR

extension ReferenceKernels {
    /// resize: nearest and n-linear (with antialias and exclude_outside), every coordinate
    /// transformation mode of ONNX Resize but cubic.
    static let resizeKernels: [OpKind: ReferenceKernel] = [
        .resize: ReferenceKernel { try resize($0) },
    ]
}

/// resize as `ResizePlan` describes it: every output element is the sum, over the taps of its
/// position on every axis, of the product of the taps' weights times the input element they
/// select (the extrapolation value where some axis maps outside the input).
private func resize(_ invocation: ReferenceInvocation) throws -> ReferenceArray {
    let x = try invocation.array(0)
    let plan = try ResizePlan(attributes: invocation.attributes, inputShape: x.shape)
    let strides = x.strides
    var values: [Double] = []
    values.reserveCapacity(plan.outputShape.reduce(1, *))
    forEachIndex(in: plan.outputShape) { index in
        var terms = [ResizePlan.Tap(index: 0, weight: 1)]
        for axis in index.indices {
            guard let taps = plan.taps[axis][index[axis]] else {
                values.append(plan.extrapolationValue)
                return
            }
            terms = terms.flatMap { term in
                taps.map { ResizePlan.Tap(index: term.index + $0.index * strides[axis], weight: term.weight * $0.weight) }
            }
        }
        values.append(terms.reduce(0) { $0 + $1.weight * x.values[$1.index] })
    }
    return ReferenceArray(shape: plan.outputShape, values: values)
}
