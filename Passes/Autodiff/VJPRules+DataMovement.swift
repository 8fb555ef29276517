import CNNIR

/// Gradients of the ops that move or reshape data: the inverse movement applied to the gradient.
extension VJPRules {
    /// The rule of a reshaping, transposing, concatenating, slicing or padding op.
    static func dataMovementRule(for op: OpKind) -> VJPRule? {
        switch op {
        case .reshape, .flatten, .squeeze, .unsqueeze:
            return { c in [try c.emitter.reshape(c.outputGradient, to: c.emitter.staticSizes(c.operands[0]))] }
        case .transpose: return transpose
        case .concat: return concatenation
        case .slice: return slice
        case .split: return split
        case .pad: return { c in [try c.emitter.apply(.padGrad, [c.operands[0], c.outputGradient], c.forwarded(["pads", "mode"]), role: "input")] }
        case .resize: return { c in [try c.emitter.apply(.resizeGrad, [c.operands[0], c.outputGradient], c.node.attributes, role: "input")] }
        default: return nil
        }
    }

    /// transpose by perm: the gradient transposed by the inverse permutation.
    private static func transpose(_ c: VJPContext) throws -> [GraphValue?] {
        let rank = c.operands[0].shape.rank
        let given = try c.ints("perm")
        let perm = given.isEmpty ? Array((0..<rank).reversed()) : given
        var inverse = Array(repeating: 0, count: rank)
        for (position, axis) in perm.enumerated() { inverse[axis] = position }
        return [try c.emitter.apply(.transpose, [c.outputGradient], ["perm": .ints(inverse)], role: "input")]
    }

    /// concat: each operand's part of the gradient, sliced out along the axis.
    private static func concatenation(_ c: VJPContext) throws -> [GraphValue?] {
        let dy = try c.outputGradient
        let axis = try normalizedAxis(c.int("axis"), rank: dy.shape.rank)
        var offset = 0
        var gradients: [GraphValue?] = []
        for (index, operand) in c.operands.enumerated() {
            let size = try c.emitter.staticSizes(operand)[axis]
            defer { offset += size }
            guard c.needs(index) else { gradients.append(nil); continue }
            gradients.append(try c.emitter.apply(.slice, [dy], ["starts": .ints([offset]), "ends": .ints([offset + size]),
                                                                "axes": .ints([axis])], role: "operand\(index)"))
        }
        return gradients
    }

    /// slice with unit steps: the gradient padded with zeros back to the operand's shape.
    private static func slice(_ c: VJPContext) throws -> [GraphValue?] {
        let e = c.emitter, x = c.operands[0]
        let sizes = try e.staticSizes(x), resultSizes = try e.staticSizes(c.results[0])
        let starts = try c.ints("starts")
        let givenAxes = try c.ints("axes"), steps = try c.ints("steps")
        guard steps.allSatisfy({ $0 == 1 }) else { throw Diagnostic("the gradient of slice needs unit steps, found \(steps)") }
        let axes = givenAxes.isEmpty ? Array(0..<starts.count) : try givenAxes.map { try normalizedAxis($0, rank: sizes.count) }
        var before = Array(repeating: 0, count: sizes.count)
        for (axis, start) in zip(axes, starts) {
            before[axis] = min(max(start < 0 ? start + sizes[axis] : start, 0), sizes[axis])
        }
        let after = sizes.indices.map { sizes[$0] - before[$0] - resultSizes[$0] }
        return [try e.apply(.pad, [c.outputGradient], ["pads": .ints(before + after)], role: "input")]
    }

    /// split: the parts' gradients concatenated (zeros for a part the loss does not use).
    private static func split(_ c: VJPContext) throws -> [GraphValue?] {
        let parts = try zip(c.results, c.resultGradients).map { result, gradient in
            try gradient ?? c.emitter.zeros(like: result)
        }
        let axis = try normalizedAxis(c.int("axis"), rank: c.operands[0].shape.rank)
        return [try c.emitter.apply(.concat, parts, ["axis": .int(axis)], role: "input")]
    }

    /// `axis` counted from the front (a negative axis counts from the end).
    static func normalizedAxis(_ axis: Int, rank: Int) throws -> Int {
        let normalized = axis < 0 ? axis + rank : axis
        guard (0..<max(rank, 1)).contains(normalized) else { throw Diagnostic("axis \(axis) is out of range for rank \(rank)") }
        return normalized
    }
}
