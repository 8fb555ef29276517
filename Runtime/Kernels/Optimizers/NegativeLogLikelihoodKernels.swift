import CNNIR

/// The static geometry of an nll_loss or nll_loss_grad node: log probabilities [N, C, d…] seen
/// as [N, C, D] (D the product of d…), labels [N, D] i64, optional class weights, the ignored
/// label and the reduction.
struct LabelledPositionsGeometry: Sendable {
    let samples: Int, classes: Int, inner: Int
    /// The label whose positions add nothing, if any.
    let ignoredLabel: Int64?
    /// The operand index of the class weights, if given.
    let weightsIndex: Int?
    let reduction: Reduction

    /// The number of positions N·D.
    var positions: Int { samples * inner }

    /// Calls `body` with each position not ignored (in row-major order), the offset of its
    /// label's log probability and that label's weight (1 without weights). Returns false, having
    /// stopped, at a label outside 0..<C that is not the ignored one.
    @inline(__always)
    func visitPositions(_ buffers: KernelBuffers, _ body: (_ position: Int, _ offset: Int, _ weight: Float) -> Void) -> Bool {
        let labels = buffers.inputs[1].assumingMemoryBound(to: Int64.self)
        let weights = weightsIndex.map { buffers.floatInput($0) }
        for sample in 0..<samples {
            for inner in 0..<inner {
                let position = sample * self.inner + inner, label = labels[position]
                if label == ignoredLabel { continue }
                guard label >= 0 && label < classes else { return false }
                body(position, (sample * classes + Int(label)) * self.inner + inner, weights?[Int(label)] ?? 1)
            }
        }
        return true
    }
}

/// nll_loss on f32: per position −w[y]·logp (0 when ignored), reduced; sums accumulate in Double.
/// A label out of range (which the reference path rejects) makes every result NaN.
struct NegativeLogLikelihoodKernel: Kernel {
    let name = "nll-loss"
    let workspaceBytes = 0
    let geometry: LabelledPositionsGeometry

    func run(_ buffers: KernelBuffers, context: KernelContext) {
        let logProbabilities = buffers.floatInput(0), loss = buffers.floatOutput(0)
        let perPosition = geometry.reduction == .none
        if perPosition { loss.update(repeating: 0, count: geometry.positions) }
        var total = 0.0, weightSum = 0.0
        let valid = geometry.visitPositions(buffers) { position, offset, weight in
            guard weight != 0 else { return }
            let value = -weight * logProbabilities[offset]
            if perPosition { loss[position] = value }
            total += Double(value)
            weightSum += Double(weight)
        }
        guard valid else { return loss.update(repeating: .nan, count: perPosition ? geometry.positions : 1) }
        switch geometry.reduction {
        case .none: break
        case .sum: loss.pointee = Float(total)
        case .mean: loss.pointee = Float(total / weightSum)
        }
    }
}

/// nll_loss_grad on f32: zeros, then −w[y]·dloss (divided by Σ w for mean) at each position's
/// label. A label out of range (which the reference path rejects) makes the whole gradient NaN.
struct NegativeLogLikelihoodGradientKernel: Kernel {
    let name = "nll-loss-grad"
    let workspaceBytes = 0
    let geometry: LabelledPositionsGeometry
    /// The operand index of dloss (the last operand).
    let dlossIndex: Int

    func run(_ buffers: KernelBuffers, context: KernelContext) {
        let gradient = buffers.floatOutput(0), dloss = buffers.floatInput(dlossIndex)
        let count = geometry.positions * geometry.classes
        gradient.update(repeating: 0, count: count)
        var scale = dloss.pointee
        if geometry.reduction == .mean {
            var weightSum = 0.0
            guard geometry.visitPositions(buffers, { _, _, weight in weightSum += Double(weight) }) else {
                return gradient.update(repeating: .nan, count: count)
            }
            scale = Float(Double(scale) / weightSum)
        }
        let perPosition = geometry.reduction == .none
        let valid = geometry.visitPositions(buffers) { position, offset, weight in
            guard weight != 0 else { return }
            gradient[offset] = -weight * (perPosition ? dloss[position] : scale)
        }
        if !valid { gradient.update(repeating: .nan, count: count) }
    }
}
