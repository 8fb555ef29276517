import CNNIR

extension Lowerings {
    /// NegativeLogLikelihoodLoss and SoftmaxCrossEntropyLoss.
    static let losses: [String: Lowering] = [
        "NegativeLogLikelihoodLoss": { lowering in
            [try lowering.emit1(.nllLoss, try classOperands(lowering), try lossAttributes(lowering))]
        },
        "SoftmaxCrossEntropyLoss": softmaxCrossEntropy,
    ]

    /// SoftmaxCrossEntropyLoss: softmax_cross_entropy for [N, C] scores without ignore_index
    /// whose log_prob output is unused; otherwise log_softmax over the classes (axis 1; it is
    /// the log_prob output) and nll_loss of it.
    private static let softmaxCrossEntropy: Lowering = { lowering in
        let operands = try classOperands(lowering)
        let attributes = try lossAttributes(lowering)
        let scores = try lowering.type(of: operands[0])
        if scores.rank == 2, attributes["ignore_index"] == nil, !lowering.isOutputUsed(1) {
            return [try lowering.emit1(.softmaxCrossEntropy, operands, ["reduction": attributes["reduction"] ?? .string("mean")])]
        }
        let logProbabilities = try lowering.emit1(.logSoftmax, [operands[0]], ["axis": .int(1)])
        return [try lowering.emit1(.nllLoss, [logProbabilities] + operands.dropFirst(), attributes), logProbabilities]
    }

    /// The scores, the labels and, if given, the class weights.
    private static func classOperands(_ lowering: NodeLowering) throws -> [ImportedValue] {
        try [lowering.input(0), lowering.input(1)] + (lowering.hasInput(2) ? [lowering.input(2)] : [])
    }

    /// `reduction` (default "mean") and, when the node has it, `ignore_index` as a one-element list.
    private static func lossAttributes(_ lowering: NodeLowering) throws -> Attributes {
        var attributes: Attributes = ["reduction": .string(try lowering.string("reduction", default: "mean"))]
        if let ignored = try lowering.int("ignore_index") { attributes["ignore_index"] = .ints([ignored]) }
        return attributes
    }
}
