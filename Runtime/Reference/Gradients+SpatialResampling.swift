import CNNIR

/// pad_grad, the adjoint of pad: every element of dy is added to the element of x that pad
/// copied there (none for constant padding), so constant mode crops dy and reflect and edge
/// modes accumulate the mirrored or repeated positions. Which element pad copies is found by
/// running pad's own reference kernel on the positions of x (the constant −1 marking the fill).
func padGradient(_ invocation: ReferenceInvocation) throws -> ReferenceArray {
    let x = try invocation.tensor(0), dy = try invocation.array(1)
    let attributes: Attributes = ["pads": .ints(try invocation.ints("pads")),
                                  "mode": .string(try invocation.choice("mode", PadMode.allCases.map(\.rawValue))),
                                  "value": .float(-1)]
    let positions = try Tensor(shape: x.shape, elements: (0..<x.count).map(Int64.init))
    let sources = try ReferenceKernels.evaluate(.pad, operands: [positions], attributes: attributes)[0]
    guard sources.shape == dy.shape else {
        throw Diagnostic("dy must have pad's result shape \(describe(sources.shape)) for x, found shape \(describe(dy.shape))")
    }
    var dx = ReferenceArray(shape: x.shape)
    for (index, source) in try sources.elements(as: Int64.self).enumerated() where source >= 0 {
        dx.values[Int(source)] += dy.values[index]
    }
    return dx
}

/// resize_grad, the adjoint of resize as `ResizePlan` describes it: every element of dy adds,
/// for each combination of its taps on every axis, the product of their weights times itself to
/// the element of x the taps select; an output that extrapolates (tf_crop_and_resize) adds nothing.
func resizeGradient(_ invocation: ReferenceInvocation) throws -> ReferenceArray {
    let x = try invocation.array(0), dy = try invocation.array(1)
    let plan = try ResizePlan(attributes: invocation.attributes, inputShape: x.shape)
    guard dy.shape == plan.outputShape else {
        throw Diagnostic("dy must have resize's result shape \(describe(plan.outputShape)) for x, found shape \(describe(dy.shape))")
    }
    let strides = x.strides
    var dx = ReferenceArray(shape: x.shape)
    var outputOffset = 0
    forEachIndex(in: plan.outputShape) { index in
        defer { outputOffset += 1 }
        var terms = [ResizePlan.Tap(index: 0, weight: 1)]
        for axis in index.indices {
            guard let taps = plan.taps[axis][index[axis]] else { return }
            terms = terms.flatMap { term in
                taps.map { ResizePlan.Tap(index: term.index + $0.index * strides[axis], weight: term.weight * $0.weight) }
            }
        }
        for term in terms { dx.values[term.index] += term.weight * dy.values[outputOffset] }
    }
    return dx
}
