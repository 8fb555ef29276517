import Foundation
import CNNIR

/// softmax_cross_entropy_grad, row by row: the row's maximum m, e_j = e^(z_j − m) written to
/// dlogits, S = Σ e_j, then `dlogits_j = A·e_j/S − B·w_j` with `A = g·((1 − ε)·w_y + ε·W/C)`,
/// `B = g·ε/C`, and `−g·(1 − ε)·w_y` more at the label y — the reference's
/// `g·((1 − ε)·w_y·(p_j − [j = y]) + (ε/C)·(W·p_j − w_j))` regrouped (w = 1 without weights,
/// W = Σ w, g the sample's `LossGradientScale`). Rows are shared out over the worker pool.
///
/// A label outside `0..<C` cannot be reported from a run: its row is NaN, and with reduction
/// mean (whose divisor needs every label) so is every row.
struct SoftmaxCrossEntropyGradientKernel: Kernel {
    let name = "softmax-cross-entropy-grad"
    /// N.
    let samples: Int
    /// C.
    let classes: Int
    /// Whether the node has the weights operand.
    let isWeighted: Bool
    /// The label smoothing ε.
    let smoothing: Double
    /// The reduction of the forward loss.
    let scale: LossGradientScale

    var workspaceBytes: Int { 0 }

    func run(_ buffers: KernelBuffers, context: KernelContext) {
        let logits = buffers.floatInput(0), dlogits = buffers.floatOutput(0)
        let labels = ClassLabels(labels: buffers.inputs[1].assumingMemoryBound(to: Int64.self), classes: classes)
        let weights = isWeighted ? buffers.floatInput(2) : nil
        let dloss = buffers.floatInput(isWeighted ? 3 : 2)
        let weight = { (c: Int) in weights.map { Double($0[c]) } ?? 1 }
        let totalWeight = (0..<classes).reduce(0.0) { $0 + weight($1) }
        var meanDivisor = 0.0
        if scale.reduction == .mean {
            for sample in 0..<samples { meanDivisor += labels.label(sample).map(weight) ?? .nan }
        }
        let parts = WorkSplit.parts(items: samples, workPerItem: 3 * classes, threadCount: context.threadCount)
        WorkSplit.run(items: samples, parts: parts) { rows in
            for sample in rows {
                let output = dlogits + sample * classes
                guard let label = labels.label(sample), !meanDivisor.isNaN else {
                    output.initialize(repeating: .nan, count: classes)
                    continue
                }
                let g = Double(scale.factor(dloss, sample: sample, meanDivisor: meanDivisor))
                let labelWeight = weight(label)
                let total = exponentials(logits + sample * classes, into: output)
                let probabilityFactor = Float(g * ((1 - smoothing) * labelWeight + smoothing * totalWeight / Double(classes)) / total)
                let weightFactor = Float(g * smoothing / Double(classes))
                finish(output, probabilityFactor: probabilityFactor, weightFactor: weightFactor, weights: weights)
                output[label] -= Float(g * (1 - smoothing) * labelWeight)
            }
        }
    }

    /// Writes e^(z_j − max z) of one row to `output` and returns their sum.
    @inline(__always)
    private func exponentials(_ row: UnsafePointer<Float>, into output: UnsafeMutablePointer<Float>) -> Double {
        var largest = FloatVector(repeating: -.infinity)
        var index = 0
        while index + 16 <= classes {
            let values = row.loadFloatVector(at: index)
            largest = largest.replacing(with: values, where: values .> largest)
            index += 16
        }
        var maximum = largest.max()
        while index < classes {
            maximum = Swift.max(maximum, row[index])
            index += 1
        }
        var sums = FloatVector()
        index = 0
        while index + 16 <= classes {
            let exponential = VectorMath.exponential(row.loadFloatVector(at: index) - maximum)
            output.storeFloatVector(exponential, at: index)
            sums += exponential
            index += 16
        }
        var total = 0.0
        for lane in 0..<16 { total += Double(sums[lane]) }
        if index < classes {
            let rest = classes - index
            let exponential = VectorMath.exponential(row.loadPartialFloatVector(at: index, count: rest) - maximum)
            output.storePartialFloatVector(exponential, at: index, count: rest)
            for lane in 0..<rest { total += Double(exponential[lane]) }
        }
        return total
    }

    /// `output_j = probabilityFactor·output_j − weightFactor·w_j` over one row.
    @inline(__always)
    private func finish(_ output: UnsafeMutablePointer<Float>, probabilityFactor: Float, weightFactor: Float,
                        weights: UnsafePointer<Float>?) {
        var index = 0
        while index < classes {
            let rest = Swift.min(16, classes - index)
            let exponential = rest == 16 ? UnsafePointer(output).loadFloatVector(at: index)
                : UnsafePointer(output).loadPartialFloatVector(at: index, count: rest)
            let classWeights = weights.map { rest == 16 ? $0.loadFloatVector(at: index) : $0.loadPartialFloatVector(at: index, count: rest) }
                ?? FloatVector(repeating: 1)
            let result = (exponential * probabilityFactor).addingProduct(classWeights, FloatVector(repeating: -weightFactor))
            if rest == 16 {
                output.storeFloatVector(result, at: index)
            } else {
                output.storePartialFloatVector(result, at: index, count: rest)
            }
            index += 16
        }
    }
}
