import CNNIR

/// Gradients of the normalizations.
extension VJPRules {
    /// The rule of a normalization op.
    static func normalizationRule(for op: OpKind) -> VJPRule? {
        switch op {
        case .batchNorm: return inferenceBatchNorm
        case .batchNormTrain: return trainingBatchNorm
        case .instanceNorm: return instanceNorm
        default: return nil
        }
    }

    /// batch_norm with fixed statistics (inference form), y = scale·(x−mean)/√(var+ε) + bias:
    /// dx = dy·scale/√(var+ε), dscale = Σ dy·(x−mean)/√(var+ε), dbias = Σ dy over every axis but
    /// the channels. The statistics are constants here (no gradient); training uses batch_norm_train.
    private static func inferenceBatchNorm(_ c: VJPContext) throws -> [GraphValue?] {
        let e = c.emitter, x = c.operands[0], dy = try c.outputGradient
        let rank = x.shape.rank
        let otherAxes = [0] + Array(2..<rank)
        let deviation = try e.apply(.sqrt, [e.apply(.add, [c.operands[4], e.scalar(c.float("epsilon"), x.dtype)], role: "variance")], role: "deviation")
        let inverse = try e.alignedToAxis(e.apply(.reciprocal, [deviation], role: "inverse"), axis: 1, rank: rank)
        return try perOperand(c) { index in
            switch index {
            case 0:
                let gain = try e.apply(.mul, [e.alignedToAxis(c.operands[1], axis: 1, rank: rank), inverse], role: "gain")
                return try e.apply(.mul, [dy, gain], role: "input")
            case 1:
                let centered = try e.apply(.sub, [x, e.alignedToAxis(c.operands[3], axis: 1, rank: rank)], role: "centered")
                let normalized = try e.apply(.mul, [centered, inverse], role: "normalized")
                return try e.apply(.reduceSum, [e.apply(.mul, [dy, normalized], role: "weighted")],
                                   ["axes": .ints(otherAxes), "keepdims": .bool(false)], role: "scale")
            case 2:
                return try e.apply(.reduceSum, [dy], ["axes": .ints(otherAxes), "keepdims": .bool(false)], role: "bias")
            default:
                return nil
            }
        }
    }

    /// batch_norm_train: dx, dscale, dbias by `batch_norm_grad` from the saved batch statistics
    /// (the running statistics it updates do not reach the loss).
    private static func trainingBatchNorm(_ c: VJPContext) throws -> [GraphValue?] {
        let gradients = try c.emitter.apply(.batchNormGrad, [c.operands[0], c.operands[1], c.results[3], c.results[4], c.outputGradient],
                                            resultCount: 3, role: "input")
        return try perOperand(c) { $0 < 3 ? gradients[$0] : nil }
    }

    /// instance_norm: dx, dscale, dbias by `instance_norm_grad`.
    private static func instanceNorm(_ c: VJPContext) throws -> [GraphValue?] {
        let gradients = try c.emitter.apply(.instanceNormGrad, [c.operands[0], c.operands[1], c.outputGradient],
                                            ["epsilon": .float(c.float("epsilon"))], resultCount: 3, role: "input")
        return try perOperand(c) { gradients[$0] }
    }
}
