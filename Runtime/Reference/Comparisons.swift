import CNNIR

extension ReferenceKernels {
    /// equal, less and greater (bool results; i64 and bool compared as integers, exactly) and
    /// where, all with NumPy broadcasting.
    static let comparisonKernels: [OpKind: ReferenceKernel] = [
        .equal: comparison(.equal),
        .less: comparison(.less),
        .greater: comparison(.greater),
        .where: ReferenceKernel(results: { invocation in [try selection(invocation)] }),
    ]

    /// A kernel comparing its two operands element by element after broadcasting them.
    private static func comparison(_ test: Comparison) -> ReferenceKernel {
        ReferenceKernel(results: { invocation in
            let (a, b) = (try invocation.tensor(0), try invocation.tensor(1))
            guard a.dtype == b.dtype else { throw Diagnostic("a and b must share one element type, found \(a.dtype) and \(b.dtype)") }
            let result = a.dtype.isFloatingPoint
                ? try broadcastCombination(invocation.array(0), invocation.array(1)) { test.holds($0, $1) }
                : try broadcastCombination(invocation.numbers(0, as: Int64.self), invocation.numbers(1, as: Int64.self)) { test.holds($0, $1) }
            return [try Tensor(shape: result.shape, elements: result.values)]
        })
    }
}

/// The comparisons of the comparison ops.
private enum Comparison: Sendable {
    case equal, less, greater

    /// Whether `a` and `b` stand in this relation (false whenever a NaN is involved).
    func holds<Value: Comparable>(_ a: Value, _ b: Value) -> Bool {
        switch self {
        case .equal: return a == b
        case .less: return a < b
        case .greater: return a > b
        }
    }
}

/// where: x where the bool condition holds, y elsewhere, the three broadcast together; x and y
/// may have any one element type and are copied exactly.
private func selection(_ invocation: ReferenceInvocation) throws -> Tensor {
    let condition = try invocation.tensor(0), x = try invocation.tensor(1), y = try invocation.tensor(2)
    let shape = try broadcastShape(broadcastShape(condition.shape, x.shape), y.shape)
    let truths = condition.booleans
    let conditionOffsets = try IndexMapping.broadcast(from: condition.shape, to: shape)
    let xOffsets = try IndexMapping.broadcast(from: x.shape, to: shape)
    let yOffsets = try IndexMapping.broadcast(from: y.shape, to: shape)
    let offsets = conditionOffsets.indices.map { truths[conditionOffsets[$0]] ? xOffsets[$0] : x.count + yOffsets[$0] }
    return try Tensor(shape: shape, storage: TensorStorage.joined([x.storage, y.storage]).gathering(offsets))
}
