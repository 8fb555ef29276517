import CNNIR

/// Gradients of the losses (labels and class weights have none).
extension VJPRules {
    /// The rule of a loss op.
    static func lossRule(for op: OpKind) -> VJPRule? {
        switch op {
        case .mse: return meanSquaredError
        case .softmaxCrossEntropy:
            return { c in try classLoss(c, .softmaxCrossEntropyGrad, ["reduction", "label_smoothing"]) }
        case .hinge:
            return { c in try classLoss(c, .hingeGrad, ["reduction", "margin"]) }
        case .nllLoss:
            return { c in try classLoss(c, .nllLossGrad, ["reduction", "ignore_index"]) }
        default:
            return nil
        }
    }

    /// mse: d prediction = 2·(p − t)·dloss (divided by the element count for mean); d target its negation.
    private static func meanSquaredError(_ c: VJPContext) throws -> [GraphValue?] {
        let e = c.emitter, prediction = c.operands[0], dloss = try c.outputGradient
        var factor = 2.0
        if try c.string("reduction") == "mean" { factor /= Double(try e.staticSizes(prediction).reduce(1, *)) }
        let difference = try e.apply(.sub, [prediction, c.operands[1]], role: "difference")
        let scaled = try e.apply(.mul, [difference, e.scalar(factor, prediction.dtype)], role: "scaled")
        let gradient = try e.apply(.mul, [scaled, dloss], role: "prediction")
        return try perOperand(c) { $0 == 0 ? gradient : try e.apply(.neg, [gradient], role: "target") }
    }

    /// A classification loss: the scores' gradient by its gradient op, which takes the forward's
    /// operands (scores, labels, weights if given), then dloss.
    private static func classLoss(_ c: VJPContext, _ op: OpKind, _ attributes: [String]) throws -> [GraphValue?] {
        let gradient = try c.emitter.apply(op, c.operands + [c.outputGradient], c.forwarded(attributes), role: "scores")
        return try perOperand(c) { index in
            guard index == 0 else { throw Diagnostic("only the scores of \(c.node.op.rawValue) have a gradient") }
            return gradient
        }
    }
}
