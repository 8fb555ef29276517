import CNNIR

/// Gradients of the sum and mean reductions and of global pooling: the gradient spread back over
/// the reduced axes.
extension VJPRules {
    /// The rule of a reduction or global pooling op.
    static func reductionRule(for op: OpKind) -> VJPRule? {
        switch op {
        case .reduceSum, .reduceMean: return reduction
        case .globalAvgPool: return globalAveragePool
        case .globalMaxPool: return globalMaximumPool
        default: return nil
        }
    }

    /// reduce_sum / reduce_mean: dy broadcast over the reduced axes (divided by their size for mean).
    private static func reduction(_ c: VJPContext) throws -> [GraphValue?] {
        let e = c.emitter, x = c.operands[0]
        let sizes = try e.staticSizes(x)
        let given = try c.ints("axes")
        if given.isEmpty, try c.bool("noop_with_empty_axes") { return [try c.outputGradient] }
        let axes = given.isEmpty ? Array(sizes.indices) : try given.map { try normalizedAxis($0, rank: sizes.count) }
        let kept = sizes.indices.map { axes.contains($0) ? 1 : sizes[$0] }
        var dy = try e.reshape(c.outputGradient, to: kept)
        if c.node.op == .reduceMean {
            let count = axes.reduce(1) { $0 * sizes[$1] }
            dy = try e.apply(.mul, [dy, e.scalar(1 / Double(count), dy.dtype)], role: "share")
        }
        return [try e.apply(.expand, [dy], ["shape": .ints(sizes)], role: "input")]
    }

    /// global_avg_pool: dy spread evenly over each plane.
    private static func globalAveragePool(_ c: VJPContext) throws -> [GraphValue?] {
        let e = c.emitter, sizes = try e.staticSizes(c.operands[0])
        let plane = sizes.dropFirst(2).reduce(1, *)
        let share = try e.apply(.mul, [c.outputGradient, e.scalar(1 / Double(plane), c.operands[0].dtype)], role: "share")
        return [try e.apply(.expand, [share], ["shape": .ints(sizes)], role: "input")]
    }

    /// global_max_pool: dy to the elements equal to their plane's maximum.
    private static func globalMaximumPool(_ c: VJPContext) throws -> [GraphValue?] {
        let e = c.emitter, x = c.operands[0]
        let isMaximum = try e.apply(.equal, [x, c.results[0]], role: "maximum")
        return [try e.apply(.where, [isMaximum, c.outputGradient, e.scalar(0, x.dtype)], role: "input")]
    }
}
