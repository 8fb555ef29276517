/// Walks every multi-index of a shape in row-major order (the last axis fastest), keeping, for
/// two operands, the element offset each one reads at that index.
///
/// Strides may be 0 (a broadcast axis) or any permutation of row-major strides (a transpose).
/// The walk keeps its counter on the stack: nothing is allocated on the heap.
struct OffsetOdometer: Sendable {
    /// The size of every axis walked.
    let sizes: [Int]
    /// The first operand's stride, in elements, on every axis.
    let firstStrides: [Int]
    /// The second operand's stride, in elements, on every axis.
    let secondStrides: [Int]

    /// Creates a walk; a missing stride list counts as all zeros.
    init(sizes: [Int], firstStrides: [Int], secondStrides: [Int]? = nil) {
        self.sizes = sizes
        self.firstStrides = firstStrides
        self.secondStrides = secondStrides ?? Array(repeating: 0, count: sizes.count)
    }

    /// The number of multi-indices walked (1 for no axes, 0 if an axis is empty).
    var count: Int { sizes.reduce(1, *) }

    /// Calls `body` with the two offsets of every multi-index, in row-major order.
    @inline(__always)
    func forEach(_ body: (_ first: Int, _ second: Int) -> Void) {
        let rank = sizes.count
        guard count > 0 else { return }
        guard rank > 0 else { return body(0, 0) }
        sizes.withUnsafeBufferPointer { sizes in
            firstStrides.withUnsafeBufferPointer { firstStrides in
                secondStrides.withUnsafeBufferPointer { secondStrides in
                    withUnsafeTemporaryAllocation(of: Int.self, capacity: rank) { counter in
                        counter.initialize(repeating: 0)
                        var first = 0, second = 0
                        while true {
                            body(first, second)
                            var axis = rank - 1
                            while axis >= 0 {
                                counter[axis] += 1
                                first += firstStrides[axis]
                                second += secondStrides[axis]
                                if counter[axis] < sizes[axis] { break }
                                first -= firstStrides[axis] * sizes[axis]
                                second -= secondStrides[axis] * sizes[axis]
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
}
