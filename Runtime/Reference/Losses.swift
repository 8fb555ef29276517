import Foundation
import CNNIR

extension ReferenceKernels {
    /// softmax_cross_entropy, mse and hinge.
    static let lossKernels: [OpKind: ReferenceKernel] = [
        .softmaxCrossEntropy: ReferenceKernel { try softmaxCrossEntropy($0) },
        .mse: ReferenceKernel { try meanSquaredError($0) },
        .hinge: ReferenceKernel { try hinge($0) },
    ]
}

/// softmax_cross_entropy of logits `[N, C]` and i64 labels `[N]`, with optional class weights
/// `w` `[C]` (all 1 when absent) and label smoothing `ε`. Per sample, with `log p` the
/// log-softmax of the logits row:
/// `loss[n] = (1 - ε) · w[y] · (-log p[y]) + (ε / C) · Σ_c w[c] · (-log p[c])`.
/// Reduction mean divides the sum by `Σ_n w[y_n]` (ONNX's weighted mean; N when unweighted).
private func softmaxCrossEntropy(_ invocation: ReferenceInvocation) throws -> ReferenceArray {
    let logits = try invocation.array(0)
    guard logits.rank == 2 else { throw Diagnostic("logits must be [N, C], found shape \(describe(logits.shape))") }
    let (samples, classes) = (logits.shape[0], logits.shape[1])
    let labels = try classLabels(invocation, samples: samples, classes: classes)
    let weights = invocation.optionalArray(2)
    if let weights, weights.shape != [classes] {
        throw Diagnostic("class weights must have shape [\(classes)], found \(describe(weights.shape))")
    }
    let weight = { (c: Int) in weights?.values[c] ?? 1 }
    let smoothing = try invocation.double("label_smoothing")
    guard (0...1).contains(smoothing) else { throw Diagnostic("label_smoothing must be in [0, 1], found \(smoothing)") }
    var losses: [Double] = [], labelWeights: [Double] = []
    for (n, label) in labels.enumerated() {
        let row = Array(logits.values[(n * classes)..<((n + 1) * classes)])
        let logSum = log(shiftedExponentials(row).reduce(0, +)), largest = row.max() ?? 0
        let negativeLog = row.map { largest + logSum - $0 }
        let smoothed = (0..<classes).reduce(0) { $0 + weight($1) * negativeLog[$1] }
        losses.append((1 - smoothing) * weight(label) * negativeLog[label] + smoothing / Double(classes) * smoothed)
        labelWeights.append(weight(label))
    }
    return try reduced(losses, shape: [samples], invocation, meanDivisor: labelWeights.reduce(0, +))
}

/// mse: `(prediction - target)^2` element by element (same shapes), then reduced.
private func meanSquaredError(_ invocation: ReferenceInvocation) throws -> ReferenceArray {
    let prediction = try invocation.array(0), target = try invocation.array(1)
    guard prediction.shape == target.shape else {
        throw Diagnostic("prediction \(describe(prediction.shape)) and target \(describe(target.shape)) must have the same shape")
    }
    let squares = zip(prediction.values, target.values).map { ($0 - $1) * ($0 - $1) }
    return try reduced(squares, shape: prediction.shape, invocation, meanDivisor: Double(squares.count))
}

/// hinge (multi-class): per sample `Σ_{j ≠ y} max(0, margin + s[j] - s[y])` for scores `[N, C]`
/// and i64 labels `[N]`, then reduced (mean over N).
private func hinge(_ invocation: ReferenceInvocation) throws -> ReferenceArray {
    let scores = try invocation.array(0)
    guard scores.rank == 2 else { throw Diagnostic("scores must be [N, C], found shape \(describe(scores.shape))") }
    let (samples, classes) = (scores.shape[0], scores.shape[1])
    let labels = try classLabels(invocation, samples: samples, classes: classes)
    let margin = try invocation.double("margin")
    let losses = labels.enumerated().map { n, label in
        (0..<classes).reduce(0.0) { sum, j in
            j == label ? sum : sum + max(0, margin + scores.values[n * classes + j] - scores.values[n * classes + label])
        }
    }
    return try reduced(losses, shape: [samples], invocation, meanDivisor: Double(samples))
}

/// The labels operand (operand 2): i64 `[samples]`, each in `0..<classes`.
private func classLabels(_ invocation: ReferenceInvocation, samples: Int, classes: Int) throws -> [Int] {
    let labels = try invocation.tensor(1)
    guard labels.dtype == .i64, labels.shape == [samples] else {
        throw Diagnostic("labels must be i64[\(samples)], found \(labels.type)")
    }
    return try labels.elements(as: Int64.self).map { label in
        guard label >= 0 && label < classes else {
            throw Diagnostic("label \(label) is out of range for \(classes) classes")
        }
        return Int(label)
    }
}

/// Per-element losses reduced by the `reduction` attribute: none keeps `shape`, sum and mean
/// (the sum divided by `meanDivisor`) give a scalar.
private func reduced(_ losses: [Double], shape: [Int], _ invocation: ReferenceInvocation, meanDivisor: Double) throws -> ReferenceArray {
    switch try invocation.choice("reduction", ["mean", "sum", "none"]) {
    case "none": return ReferenceArray(shape: shape, values: losses)
    case "sum": return ReferenceArray(shape: [], values: [losses.reduce(0, +)])
    default: return ReferenceArray(shape: [], values: [losses.reduce(0, +) / meanDivisor])
    }
}
