/// The loop of every broadcasting f32 kernel: `y = a ∘ b` over the rows of a `BroadcastPlan`,
/// with a SIMD inner loop for each operand layout (both contiguous, one repeated element on
/// either side, or both repeated). `a` may be `y` itself when the plan reads `a` with the
/// output's own layout (each element is read before it is written).
@inline(__always)
func combineBroadcast<Operation: BinaryVectorOperation>(_ operation: Operation.Type, _ plan: BroadcastPlan,
                                                        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
                                                        _ y: UnsafeMutablePointer<Float>) {
    let inner = plan.innerSize, aIsContiguous = plan.aIsContiguous, bIsContiguous = plan.bIsContiguous
    var outputOffset = 0
    plan.rows.forEach { aOffset, bOffset in
        combineRow(Operation.self, a + aOffset, aIsContiguous, b + bOffset, bIsContiguous, y + outputOffset, count: inner)
        outputOffset += inner
    }
}

/// `y[i] = a[i or 0] ∘ b[i or 0]` for `i` in `0..<count`, 16 lanes at a time.
@inline(__always)
private func combineRow<Operation: BinaryVectorOperation>(_ operation: Operation.Type,
                                                          _ a: UnsafePointer<Float>, _ aIsContiguous: Bool,
                                                          _ b: UnsafePointer<Float>, _ bIsContiguous: Bool,
                                                          _ y: UnsafeMutablePointer<Float>, count: Int) {
    guard count > 0 else { return }
    var index = 0
    switch (aIsContiguous, bIsContiguous) {
    case (true, true):
        while index + 16 <= count {
            y.storeFloatVector(Operation.combine(a.loadFloatVector(at: index), b.loadFloatVector(at: index)), at: index)
            index += 16
        }
    case (true, false):
        let repeated = FloatVector(repeating: b[0])
        while index + 16 <= count {
            y.storeFloatVector(Operation.combine(a.loadFloatVector(at: index), repeated), at: index)
            index += 16
        }
    case (false, true):
        let repeated = FloatVector(repeating: a[0])
        while index + 16 <= count {
            y.storeFloatVector(Operation.combine(repeated, b.loadFloatVector(at: index)), at: index)
            index += 16
        }
    case (false, false):
        let value = Operation.combine(FloatVector(repeating: a[0]), FloatVector(repeating: b[0]))
        while index + 16 <= count {
            y.storeFloatVector(value, at: index)
            index += 16
        }
    }
    guard index < count else { return }
    let rest = count - index
    let aTail = aIsContiguous ? a.loadPartialFloatVector(at: index, count: rest) : FloatVector(repeating: a[0])
    let bTail = bIsContiguous ? b.loadPartialFloatVector(at: index, count: rest) : FloatVector(repeating: b[0])
    y.storePartialFloatVector(Operation.combine(aTail, bTail), at: index, count: rest)
}
