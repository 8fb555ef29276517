import CNNIR

/// Recipes for the losses: softmax_cross_entropy, hinge and mse.
extension RandomGraphGenerator {
    /// softmax_cross_entropy (with optional class weights and label smoothing) or hinge over
    /// `[N, C]` scores and `i64[N]` labels.
    mutating func classificationLossCandidate(isHinge: Bool) -> NodeCandidate {
        let dtype = floatingDType()
        let fallback = TensorType(dtype, Shape([batchDimension(), .fixed(random.int(in: 1...10))]))
        let scores = operand(reuse: 0.5, fitting: { $0.dtype == dtype && $0.rank == 2 && $0.shape[1].fixedValue != nil }, orNew: fallback)
        let batch = scores.type.shape[0]
        let classes = staticSize(scores.type, 1)
        let labelType = TensorType(.i64, Shape([batch]))
        let labels = operand(reuse: 0.6, fitting: { $0 == labelType }, orNew: labelType)
        var attributes: Attributes = ["reduction": .string(random.pick(["mean", "sum", "none"]))]
        var operands = [scores, labels]
        if isHinge {
            attributes["margin"] = .float(random.ordinaryDouble(in: 0...2))
        } else {
            attributes["label_smoothing"] = .float(random.ordinaryDouble(in: 0...0.5))
            if random.chance(0.4) { operands.append(weight(TensorType(dtype, [classes]))) }
        }
        return NodeCandidate(operands, attributes)
    }

    /// mse of a value against a target of the same type.
    mutating func meanSquaredErrorCandidate() -> NodeCandidate {
        let prediction = data(dtype: floatingDType(), ranks: 0...4)
        let target = operand(reuse: 0.3, fitting: { $0 == prediction.type }, orNew: prediction.type)
        return NodeCandidate([prediction, target], ["reduction": .string(random.pick(["mean", "sum", "none"]))])
    }
}
