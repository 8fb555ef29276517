import CNNIR

/// Gradients of the windowed poolings: `max_pool_grad` (each window's gradient to its first
/// maximum, the argmax of max_pool) and `avg_pool_grad` (spread over the window with the
/// forward's divisor).
extension VJPRules {
    /// The rule of max_pool or avg_pool.
    static func poolingRule(for op: OpKind) -> VJPRule? {
        switch op {
        case .maxPool:
            return { c in try pooled(c, .maxPoolGrad, ["kernel", "strides", "pads", "dilations", "ceil_mode"]) }
        case .avgPool:
            return { c in try pooled(c, .avgPoolGrad, ["kernel", "strides", "pads", "dilations", "ceil_mode", "count_include_pad"]) }
        default:
            return nil
        }
    }

    /// The gradient op `op` of the pool in `c`, with the forward's window attributes.
    private static func pooled(_ c: VJPContext, _ op: OpKind, _ attributes: [String]) throws -> [GraphValue?] {
        if c.results.count > 1, c.resultGradients.dropFirst().contains(where: { $0 != nil }) {
            throw Diagnostic("max_pool's indices have no gradient")
        }
        return [try c.emitter.apply(op, [c.operands[0], c.outputGradient], c.forwarded(attributes), role: "input")]
    }
}
