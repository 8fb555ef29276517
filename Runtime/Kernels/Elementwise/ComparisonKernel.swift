/// equal, less and greater on f32 operands with broadcasting, writing one-byte bools (0 or 1).
/// A comparison with NaN is false (so NaN equals nothing), as IEEE and the reference define it.
struct ComparisonKernel: Kernel {
    /// The comparison.
    enum Relation: Sendable {
        case equal, less, greater
    }

    let name: String
    /// The comparison made.
    let relation: Relation
    /// The walk over both operands.
    let walk: BroadcastWalk

    var workspaceBytes: Int { 0 }

    func run(_ buffers: KernelBuffers, context: KernelContext) {
        switch relation {
        case .equal: compareAll(buffers) { $0 == $1 }
        case .less: compareAll(buffers) { $0 < $1 }
        case .greater: compareAll(buffers) { $0 > $1 }
        }
    }

    /// `y = relation(a, b)` over every row of the walk.
    @inline(__always)
    private func compareAll(_ buffers: KernelBuffers, _ holds: (Float, Float) -> Bool) {
        let a = buffers.floatInput(0), b = buffers.floatInput(1)
        var y = buffers.outputs[0].assumingMemoryBound(to: UInt8.self)
        let inner = walk.innerSize, aStride = walk.innerStrides[0], bStride = walk.innerStrides[1]
        walk.rows.forEach { offsets in
            let aRow = a + offsets[0], bRow = b + offsets[1]
            for index in 0..<inner { y[index] = holds(aRow[index &* aStride], bRow[index &* bStride]) ? 1 : 0 }
            y += inner
        }
    }
}
