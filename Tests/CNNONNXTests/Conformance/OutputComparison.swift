import CNNRuntime

/// Compares an output with the expected tensor as ONNX's backend runner does: same shape;
/// floating values within `atol + rtol·|expected|` (NaN matching NaN, infinities matching
/// exactly); integers and booleans equal.
enum OutputComparison {
    /// A description of the first difference, or nil when the tensors agree.
    static func mismatch(_ found: Tensor, expected: Tensor, relativeTolerance: Double, absoluteTolerance: Double) -> String? {
        guard found.shape == expected.shape else { return "expected shape \(expected.shape), found \(found.type)" }
        let exact = !expected.dtype.isFloatingPoint
        if exact != !found.dtype.isFloatingPoint { return "expected \(expected.type), found \(found.type)" }
        let (values, wanted) = (found.doubles, expected.doubles)
        var worst: (index: Int, excess: Double)?
        for index in wanted.indices {
            let (value, target) = (values[index], wanted[index])
            if value == target || (value.isNaN && target.isNaN) { continue }
            let allowed = exact ? 0 : absoluteTolerance + relativeTolerance * abs(target)
            let excess = abs(value - target) - allowed
            if excess > 0 || excess.isNaN, worst.map({ excess > $0.excess || excess.isNaN }) ?? true {
                worst = (index, excess.isNaN ? .infinity : excess)
            }
        }
        guard let worst else { return nil }
        let wrong = wanted.indices.filter { index in
            let (value, target) = (values[index], wanted[index])
            if value == target || (value.isNaN && target.isNaN) { return false }
            return exact || !(abs(value - target) <= absoluteTolerance + relativeTolerance * abs(target))
        }.count
        return "\(wrong) of \(wanted.count) elements differ; worst at \(worst.index): expected \(wanted[worst.index]), found \(values[worst.index])"
    }
}
