import CNNIR

/// hinge_grad, row by row: with s_y the label's score and g the sample's `LossGradientScale`,
/// each class j ≠ y whose `(s_j − s_y) + margin` (in f32) is positive gets g, and the label gets
/// −g times their number. Rows are shared out over the worker pool. A label outside `0..<C`
/// makes its row NaN (a run cannot report it).
struct HingeGradientKernel: Kernel {
    let name = "hinge-grad"
    /// N.
    let samples: Int
    /// C.
    let classes: Int
    /// The margin, in f32.
    let margin: Float
    /// The reduction of the forward loss.
    let scale: LossGradientScale

    var workspaceBytes: Int { 0 }

    func run(_ buffers: KernelBuffers, context: KernelContext) {
        let scores = buffers.floatInput(0), dscores = buffers.floatOutput(0), dloss = buffers.floatInput(2)
        let labels = ClassLabels(labels: buffers.inputs[1].assumingMemoryBound(to: Int64.self), classes: classes)
        let parts = WorkSplit.parts(items: samples, workPerItem: 2 * classes, threadCount: context.threadCount)
        WorkSplit.run(items: samples, parts: parts) { rows in
            for sample in rows {
                let output = dscores + sample * classes
                guard let label = labels.label(sample) else {
                    output.initialize(repeating: .nan, count: classes)
                    continue
                }
                let g = scale.factor(dloss, sample: sample, meanDivisor: Double(samples))
                let active = indicate(scores + sample * classes, labelScore: scores[sample * classes + label], factor: g, into: output)
                // The label's own lane compared (s_y − s_y) + margin = margin with 0: take it back out.
                output[label] = -g * Float(active - (margin > 0 ? 1 : 0))
            }
        }
    }

    /// Writes `factor` where `(s_j − labelScore) + margin > 0` and 0 elsewhere over one row, and
    /// returns how many classes (the label's included) were positive.
    @inline(__always)
    private func indicate(_ row: UnsafePointer<Float>, labelScore: Float, factor: Float, into output: UnsafeMutablePointer<Float>) -> Int {
        var counts = FloatVector()
        var index = 0
        while index < classes {
            let rest = Swift.min(16, classes - index)
            let values = rest == 16 ? row.loadFloatVector(at: index) : row.loadPartialFloatVector(at: index, count: rest)
            let positive = (values - labelScore) + margin .> 0
            let ones = FloatVector().replacing(with: 1, where: positive)
            if rest == 16 {
                counts += ones
                output.storeFloatVector(ones * factor, at: index)
            } else {
                // Lanes past the row are not counted.
                for lane in 0..<rest { counts[lane] += ones[lane] }
                output.storePartialFloatVector(ones * factor, at: index, count: rest)
            }
            index += 16
        }
        return Int(counts.sum())
    }
}
