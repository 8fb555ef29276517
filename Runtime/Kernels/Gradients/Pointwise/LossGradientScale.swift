import CNNIR

/// How a classification loss's gradient scales each sample, from dloss and the reduction:
/// the sample's own dloss (none), the scalar dloss (sum), or dloss divided by the forward op's
/// mean divisor (mean).
struct LossGradientScale {
    /// The forward loss's reduction.
    let reduction: Reduction

    /// The factor of sample `sample`'s gradient; `meanDivisor` is used for mean only.
    @inline(__always)
    func factor(_ dloss: UnsafePointer<Float>, sample: Int, meanDivisor: Double) -> Float {
        switch reduction {
        case .none: return dloss[sample]
        case .sum: return dloss[0]
        case .mean: return Float(Double(dloss[0]) / meanDivisor)
        }
    }
}

/// The labels of a classification loss gradient as a run reads them.
struct ClassLabels {
    /// The labels, one per sample.
    let labels: UnsafePointer<Int64>
    /// The number of classes.
    let classes: Int

    /// The label of `sample`, or `nil` when it is not a class index (the kernel then writes NaN).
    @inline(__always)
    func label(_ sample: Int) -> Int? {
        let label = labels[sample]
        return label >= 0 && label < Int64(classes) ? Int(label) : nil
    }
}
