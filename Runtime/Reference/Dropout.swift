import CNNIR

extension ReferenceKernels {
    /// dropout: at inference x unchanged (any element type); in training y and the mask.
    static let dropoutKernels: [OpKind: ReferenceKernel] = [
        .dropout: ReferenceKernel(results: { invocation in
            let x = try invocation.tensor(0)
            guard try invocation.bool("training") else { return [x] }
            return try dropoutTraining(invocation)
        }),
    ]
}

/// dropout in training: mask[i] = 1 where `DropoutMask` keeps element i, else 0, and
/// `y = x·mask·(1/(1 − ratio))`; both of x's type. The step operand (an i64 scalar) is 0 when absent.
private func dropoutTraining(_ invocation: ReferenceInvocation) throws -> [Tensor] {
    let x = try invocation.array(0)
    let ratio = try invocation.double("ratio")
    guard ratio >= 0 && ratio < 1 else { throw Diagnostic("ratio must be in [0, 1), found \(ratio)") }
    var step: Int64 = 0
    if invocation.operands.count > 1 {
        let operand = try invocation.tensor(1)
        guard operand.dtype == .i64, operand.shape.isEmpty else {
            throw Diagnostic("step must be an i64 scalar, found \(operand.type)")
        }
        step = try operand.elements(as: Int64.self)[0]
    }
    let mask = DropoutMask(seed: try invocation.int("seed"), step: step, ratio: ratio)
    let scale = 1 / (1 - ratio)
    let kept = ReferenceArray(shape: x.shape, values: x.values.indices.map { mask.keeps($0) ? 1 : 0 })
    let y = ReferenceArray(shape: x.shape, values: zip(x.values, kept.values).map { $0 * $1 * scale })
    let dtype = try invocation.resultDType()
    return [try y.tensor(dtype), try kept.tensor(dtype)]
}
