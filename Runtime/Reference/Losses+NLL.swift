import CNNIR

extension ReferenceKernels {
    /// nll_loss and nll_loss_grad.
    static let negativeLogLikelihoodKernels: [OpKind: ReferenceKernel] = [
        .nllLoss: ReferenceKernel { try negativeLogLikelihood($0) },
        .nllLossGrad: ReferenceKernel { try negativeLogLikelihoodGradient($0) },
    ]
}

/// nll_loss of log probabilities [N, C, d…] and i64 labels [N, d…] with optional class weights
/// w [C] (1 when absent): per position p = (n, d…), loss[p] = −w[y]·logp[n, y, d…] with y its
/// label, or 0 when y is the ignored label. Mean divides the sum by Σ_p w[y_p] over the positions
/// not ignored (ONNX NegativeLogLikelihoodLoss).
private func negativeLogLikelihood(_ invocation: ReferenceInvocation) throws -> ReferenceArray {
    let problem = try LabelledPositions(invocation, weightsIndex: invocation.operands.count > 2 ? 2 : nil)
    let losses = problem.positions.map { position in
        position.weight == 0 ? 0 : -position.weight * problem.logProbabilities.values[position.offset]
    }
    switch try invocation.choice("reduction", ["mean", "sum", "none"]) {
    case "none": return ReferenceArray(shape: problem.labelShape, values: losses)
    case "sum": return ReferenceArray(shape: [], values: [losses.reduce(0, +)])
    default: return ReferenceArray(shape: [], values: [losses.reduce(0, +) / problem.weightSum])
    }
}

/// nll_loss_grad: the gradient of nll_loss with respect to the log probabilities, scaled by
/// dloss (the last operand: a scalar for mean and sum, one value per position for none). Each
/// position not ignored puts −w[y]·dloss[p] (divided by Σ w for mean) at its label; every other
/// element is 0.
private func negativeLogLikelihoodGradient(_ invocation: ReferenceInvocation) throws -> ReferenceArray {
    let count = invocation.operands.count
    guard (3...4).contains(count) else { throw Diagnostic("nll_loss_grad takes 3 or 4 operands, found \(count)") }
    let problem = try LabelledPositions(invocation, weightsIndex: count == 4 ? 2 : nil)
    let dloss = try invocation.array(count - 1)
    let reduction = try invocation.choice("reduction", ["mean", "sum", "none"])
    let expected = reduction == "none" ? problem.labelShape : []
    guard dloss.shape == expected else { throw Diagnostic("dloss must have shape \(describe(expected)), found \(describe(dloss.shape))") }
    var gradient = ReferenceArray(shape: problem.logProbabilities.shape)
    for (index, position) in problem.positions.enumerated() where position.weight != 0 {
        let upstream = reduction == "none" ? dloss.values[index] : dloss.values[0]
        gradient.values[position.offset] = -position.weight * upstream / (reduction == "mean" ? problem.weightSum : 1)
    }
    return gradient
}

/// The positions of an nll_loss problem: the log probabilities, and for each position (in the
/// labels' row-major order) the offset of its label's element and its weight (0 when ignored).
private struct LabelledPositions {
    /// One position: where its label's log probability lies, and the weight of that label.
    struct Position {
        let offset: Int
        let weight: Double
    }

    let logProbabilities: ReferenceArray
    /// The labels' shape [N, d…].
    let labelShape: [Int]
    let positions: [Position]
    /// Σ weight over the positions (the divisor of mean).
    let weightSum: Double

    /// Reads operands 0 and 1 (log probabilities and labels), the weights at `weightsIndex`, and
    /// the ignore_index attribute; throws a `Diagnostic` for mismatched shapes or a label out of
    /// range that is not the ignored one.
    init(_ invocation: ReferenceInvocation, weightsIndex: Int?) throws {
        logProbabilities = try invocation.array(0)
        let shape = logProbabilities.shape
        guard shape.count >= 2 else { throw Diagnostic("log_probabilities must be [N, C, …], found shape \(describe(shape))") }
        let classes = shape[1], inner = shape.dropFirst(2).reduce(1, *)
        labelShape = [shape[0]] + shape.dropFirst(2)
        let labels = try invocation.tensor(1)
        guard labels.dtype == .i64, labels.shape == labelShape else {
            throw Diagnostic("labels must be i64\(describe(labelShape)), found \(labels.type)")
        }
        let weights = try weightsIndex.map { try invocation.array($0) }
        if let weights, weights.shape != [classes] {
            throw Diagnostic("class weights must have shape [\(classes)], found \(describe(weights.shape))")
        }
        let ignored = try invocation.ints("ignore_index")
        guard ignored.count <= 1 else { throw Diagnostic("ignore_index must hold at most one label, found \(describe(ignored))") }
        positions = try labels.elements(as: Int64.self).enumerated().map { index, label in
            let (sample, position) = index.quotientAndRemainder(dividingBy: inner)
            if ignored.first == Int(label) { return Position(offset: 0, weight: 0) }
            guard label >= 0 && label < classes else {
                throw Diagnostic("label \(label) is out of range for \(classes) classes")
            }
            let offset = (sample * classes + Int(label)) * inner + position
            return Position(offset: offset, weight: weights?.values[Int(label)] ?? 1)
        }
        weightSum = positions.reduce(0) { $0 + $1.weight }
    }
}
