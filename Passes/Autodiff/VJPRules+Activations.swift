import CNNIR

/// Gradients of the activations: `activation_grad` (dy·f′(x) in one kernel) for the point-wise
/// ones, the mask for dropout, and the slope's share for prelu.
extension VJPRules {
    /// The rule of an activation op.
    static func activationRule(for op: OpKind) -> VJPRule? {
        if DifferentiableActivation.gradientAttributes(of: op, [:]) != nil { return pointwise }
        switch op {
        case .dropout: return dropout
        case .prelu: return parametricRelu
        case .softmax: return softmax
        case .logSoftmax: return logSoftmax
        default: return nil
        }
    }

    /// dy·f′(x) by one `activation_grad` node, named and parameterized after the forward op.
    private static func pointwise(_ c: VJPContext) throws -> [GraphValue?] {
        guard let attributes = DifferentiableActivation.gradientAttributes(of: c.node.op, c.attributes) else {
            throw Diagnostic("\(c.node.op.rawValue) with these attributes has no gradient (gelu's tanh approximation has none)")
        }
        return [try c.emitter.apply(.activationGrad, [c.operands[0], c.outputGradient], attributes, role: "input")]
    }

    /// dropout: the identity at inference; in training dy·mask/(1 − ratio), the mask being the
    /// node's second result.
    private static func dropout(_ c: VJPContext) throws -> [GraphValue?] {
        let dy = try c.outputGradient
        guard c.results.count == 2 else { return [dy, nil] }
        let e = c.emitter
        let kept = try e.apply(.mul, [dy, c.results[1]], role: "kept")
        return [try e.apply(.mul, [kept, e.scalar(1 / (1 - c.float("ratio")), dy.dtype)], role: "input"), nil]
    }

    /// prelu: dx = dy where x > 0, slope·dy elsewhere; dslope = Σ dy·x where x ≤ 0, over the axes
    /// the slope was broadcast along.
    private static func parametricRelu(_ c: VJPContext) throws -> [GraphValue?] {
        let e = c.emitter, x = c.operands[0], slope = c.operands[1], dy = try c.outputGradient
        let positive = try e.apply(.greater, [x, e.scalar(0, x.dtype)], role: "positive")
        return try perOperand(c) { index in
            if index == 0 { return try e.apply(.where, [positive, dy, e.apply(.mul, [dy, slope], role: "sloped")], role: "input") }
            let contribution = try e.apply(.where, [positive, e.scalar(0, x.dtype), e.apply(.mul, [dy, x], role: "weighted")], role: "negative")
            return try e.reduce(contribution, toShapeOf: slope)
        }
    }

    /// softmax: dx = y·(dy − Σ dy·y) along the axis.
    private static func softmax(_ c: VJPContext) throws -> [GraphValue?] {
        let e = c.emitter, y = c.results[0], dy = try c.outputGradient
        let axis = try normalizedAxis(c.int("axis"), rank: y.shape.rank)
        let weighted = try e.apply(.reduceSum, [e.apply(.mul, [dy, y], role: "weighted")], ["axes": .ints([axis]), "keepdims": .bool(true)], role: "total")
        return [try e.apply(.mul, [y, e.apply(.sub, [dy, weighted], role: "centered")], role: "input")]
    }

    /// log_softmax: dx = dy − e^y·Σ dy along the axis.
    private static func logSoftmax(_ c: VJPContext) throws -> [GraphValue?] {
        let e = c.emitter, y = c.results[0], dy = try c.outputGradient
        let axis = try normalizedAxis(c.int("axis"), rank: y.shape.rank)
        let total = try e.apply(.reduceSum, [dy], ["axes": .ints([axis]), "keepdims": .bool(true)], role: "total")
        let spread = try e.apply(.mul, [e.apply(.exp, [y], role: "probabilities"), total], role: "spread")
        return [try e.apply(.sub, [dy, spread], role: "input")]
    }
}
