/// Walks every multi-index of a shape in row-major order (the last axis fastest), keeping, for
/// any number of operands, the element offset each one reads at that index: `OffsetOdometer`
/// for more than two operands.
///
/// The counter and offsets live in stack memory for the walk: nothing is allocated on the heap.
struct OperandOdometer: Sendable {
    /// The size of every axis walked.
    let sizes: [Int]
    /// Per axis, the stride (in elements) of every operand: `strides[axis * operands + k]`.
    let strides: [Int]
    /// The number of operands.
    let operands: Int

    /// A walk over `sizes` in which operand `k` steps by `strides[k][axis]` along `axis`.
    init(sizes: [Int], strides: [[Int]]) {
        self.sizes = sizes
        operands = strides.count
        self.strides = sizes.indices.flatMap { axis in strides.map { $0[axis] } }
    }

    /// Calls `body` with the offsets of every operand at every multi-index, in row-major order.
    @inline(__always)
    func forEach(_ body: (_ offsets: UnsafePointer<Int>) -> Void) {
        let rank = sizes.count, operands = self.operands
        guard !sizes.contains(0) else { return }
        withUnsafeTemporaryAllocation(of: Int.self, capacity: rank + operands) { memory in
            guard let counter = memory.baseAddress else { return }
            let offsets = counter + rank
            counter.initialize(repeating: 0, count: rank + operands)
            strides.withUnsafeBufferPointer { strides in
                sizes.withUnsafeBufferPointer { sizes in
                    while true {
                        body(UnsafePointer(offsets))
                        var axis = rank - 1
                        while axis >= 0 {
                            counter[axis] += 1
                            for operand in 0..<operands { offsets[operand] += strides[axis * operands + operand] }
                            if counter[axis] < sizes[axis] { break }
                            for operand in 0..<operands { offsets[operand] -= strides[axis * operands + operand] * sizes[axis] }
                            counter[axis] = 0
                            axis -= 1
                        }
                        if axis < 0 { return }
                    }
                }
            }
        }
    }
}
