import Foundation
import CNNIR

extension ReferenceKernels {
    /// activation_grad, softmax_cross_entropy_grad and hinge_grad.
    static let pointwiseGradientKernels: [OpKind: ReferenceKernel] = [
        .activationGrad: ReferenceKernel { try activationGradient($0) },
        .softmaxCrossEntropyGrad: ReferenceKernel { try softmaxCrossEntropyGradient($0) },
        .hingeGrad: ReferenceKernel { try hingeGradient($0) },
    ]
}

/// activation_grad: `dx = dy · f′(x)` element by element, f′ as `activationDerivative` gives it.
private func activationGradient(_ invocation: ReferenceInvocation) throws -> ReferenceArray {
    let x = try invocation.array(0), dy = try invocation.array(1)
    guard x.shape == dy.shape else {
        throw Diagnostic("dy \(describe(dy.shape)) must have the shape of x \(describe(x.shape))")
    }
    let name = try invocation.choice("activation", DifferentiableActivation.allCases.map(\.rawValue))
    let derivative = activationDerivative(DifferentiableActivation(rawValue: name) ?? .none,
                                          alpha: try invocation.double("alpha"), beta: try invocation.double("beta"))
    return ReferenceArray(shape: x.shape, values: zip(x.values, dy.values).map { x, dy in dy * derivative(x) })
}

/// The derivative of each activation as the forward reference kernels define it (Activations.swift,
/// UnaryMath.swift), with the kink conventions of `DifferentiableActivation`: relu′(0) = 0,
/// leaky_relu′(0) = alpha, clip and hard_sigmoid pass the gradient only strictly inside their
/// linear range, elu′(0) = 1.
private func activationDerivative(_ activation: DifferentiableActivation, alpha: Double, beta: Double) -> (Double) -> Double {
    switch activation {
    case .none: return { _ in 1 }
    case .relu: return { x in x > 0 ? 1 : 0 }
    case .leakyRelu: return { x in x > 0 ? 1 : alpha }
    case .clip: return { x in x > alpha && x < beta ? 1 : 0 }
    case .sigmoid: return { x in logistic(x) * (1 - logistic(x)) }
    case .tanh: return { x in 1 - Foundation.tanh(x) * Foundation.tanh(x) }
    case .hardSigmoid: return { x in alpha * x + beta > 0 && alpha * x + beta < 1 ? alpha : 0 }
    case .hardSwish: return { x in x >= 3 ? 1 : x > -3 ? x / 3 + 0.5 : 0 }
    case .silu: return { x in logistic(x) * (1 + x * (1 - logistic(x))) }
    case .elu: return { x in x < 0 ? alpha * exp(x) : 1 }
    case .softplus: return logistic
    case .gelu: return { x in 0.5 * erfc(-x / 2.squareRoot()) + x * exp(-x * x / 2) / (2 * Double.pi).squareRoot() }
    }
}

/// The logistic function, computed without overflow for large |x|.
private func logistic(_ x: Double) -> Double {
    x >= 0 ? 1 / (1 + exp(-x)) : exp(x) / (1 + exp(x))
}

/// softmax_cross_entropy_grad: with p the softmax of a logits row, w the class weights (1 when
/// absent), W = Σ_c w[c], ε the label smoothing and y the row's label, the forward loss
/// `(1 − ε)·w[y]·(−log p[y]) + (ε/C)·Σ_c w[c]·(−log p[c])` has the gradient
/// `(1 − ε)·w[y]·(p[j] − [j = y]) + (ε/C)·(W·p[j] − w[j])` for logit j, scaled by the sample's dloss
/// (none), by dloss (sum), or by dloss / Σ_n w[y_n] (mean, the forward op's divisor).
private func softmaxCrossEntropyGradient(_ invocation: ReferenceInvocation) throws -> ReferenceArray {
    let logits = try invocation.array(0)
    let (samples, classes) = try classLayout(logits, "logits")
    let labels = try gradientLabels(invocation, samples: samples, classes: classes)
    let weighted = invocation.operands.count == 4
    let weights = weighted ? try invocation.array(2) : ReferenceArray(shape: [classes], repeating: 1)
    guard weights.shape == [classes] else {
        throw Diagnostic("class weights must have shape [\(classes)], found \(describe(weights.shape))")
    }
    let smoothing = try invocation.double("label_smoothing")
    let totalWeight = weights.values.reduce(0, +)
    let scales = try sampleScales(invocation, dlossIndex: weighted ? 3 : 2, samples: samples,
                                  meanDivisor: labels.reduce(0) { $0 + weights.values[$1] })
    var gradient = logits
    for (n, label) in labels.enumerated() {
        let row = (n * classes)..<((n + 1) * classes)
        let exponentials = shiftedExponentials(Array(logits.values[row]))
        let sum = exponentials.reduce(0, +)
        for j in 0..<classes {
            let p = exponentials[j] / sum
            let target = (1 - smoothing) * weights.values[label] * (p - (j == label ? 1 : 0))
            let smoothed = smoothing / Double(classes) * (totalWeight * p - weights.values[j])
            gradient.values[n * classes + j] = scales[n] * (target + smoothed)
        }
    }
    return gradient
}

/// hinge_grad: for each sample and each class j ≠ y with margin + s[j] − s[y] > 0 (strictly: the
/// kink contributes nothing), +1 to j and −1 to y, scaled by the sample's dloss (none), dloss
/// (sum) or dloss / N (mean).
private func hingeGradient(_ invocation: ReferenceInvocation) throws -> ReferenceArray {
    let scores = try invocation.array(0)
    let (samples, classes) = try classLayout(scores, "scores")
    let labels = try gradientLabels(invocation, samples: samples, classes: classes)
    let margin = try invocation.double("margin")
    let scales = try sampleScales(invocation, dlossIndex: 2, samples: samples, meanDivisor: Double(samples))
    var gradient = ReferenceArray(shape: scores.shape)
    for (n, label) in labels.enumerated() {
        for j in 0..<classes where j != label && margin + scores.values[n * classes + j] - scores.values[n * classes + label] > 0 {
            gradient.values[n * classes + j] += scales[n]
            gradient.values[n * classes + label] -= scales[n]
        }
    }
    return gradient
}

/// The samples and classes of scores `[N, C]`.
private func classLayout(_ scores: ReferenceArray, _ name: String) throws -> (samples: Int, classes: Int) {
    guard scores.rank == 2 else { throw Diagnostic("\(name) must be [N, C], found shape \(describe(scores.shape))") }
    return (scores.shape[0], scores.shape[1])
}

/// The labels (operand 2): i64 `[samples]`, each in `0..<classes`.
private func gradientLabels(_ invocation: ReferenceInvocation, samples: Int, classes: Int) throws -> [Int] {
    let labels = try invocation.tensor(1)
    guard labels.dtype == .i64, labels.shape == [samples] else {
        throw Diagnostic("labels must be i64[\(samples)], found \(labels.type)")
    }
    return try labels.elements(as: Int64.self).map { label in
        guard label >= 0 && label < classes else { throw Diagnostic("label \(label) is out of range for \(classes) classes") }
        return Int(label)
    }
}

/// The factor of each sample's gradient: dloss (operand `dlossIndex`) per sample for reduction
/// none, the scalar dloss for sum, and dloss / `meanDivisor` for mean.
private func sampleScales(_ invocation: ReferenceInvocation, dlossIndex: Int, samples: Int, meanDivisor: Double) throws -> [Double] {
    let dloss = try invocation.array(dlossIndex)
    let reduction = try invocation.choice("reduction", Reduction.allCases.map(\.rawValue))
    let expected = reduction == Reduction.none.rawValue ? [samples] : []
    guard dloss.shape == expected else {
        throw Diagnostic("dloss must have shape \(describe(expected)) for reduction \(reduction), found \(describe(dloss.shape))")
    }
    switch reduction {
    case Reduction.none.rawValue: return dloss.values
    case Reduction.sum.rawValue: return Array(repeating: dloss.values[0], count: samples)
    default: return Array(repeating: dloss.values[0] / meanDivisor, count: samples)
    }
}
