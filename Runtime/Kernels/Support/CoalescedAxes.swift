/// A strided walk over a shape, simplified: size-1 axes dropped and neighbouring axes merged
/// wherever every operand steps through them as through one axis.
///
/// `[N, C, H, W] + [C, 1, 1]` becomes `[N, C, H·W]` with strides `[C·H·W, H·W, 1]` and
/// `[0, 1, 0]`; a same-shape walk becomes one axis. The element order is unchanged.
struct CoalescedAxes: Equatable {
    /// The size of every remaining axis.
    var sizes: [Int]
    /// For every operand, its stride (in elements) on every remaining axis.
    var strides: [[Int]]

    /// Simplifies the walk over `sizes` in which operand `k` steps by `strides[k][axis]`.
    init(sizes: [Int], strides: [[Int]]) {
        var keptSizes: [Int] = []
        var keptStrides: [[Int]] = strides.map { _ in [] }
        for axis in sizes.indices.reversed() where sizes[axis] != 1 {
            let size = sizes[axis]
            if let innerSize = keptSizes.first,
               strides.indices.allSatisfy({ strides[$0][axis] == keptStrides[$0][0] * innerSize }) {
                keptSizes[0] *= size
                continue
            }
            keptSizes.insert(size, at: 0)
            for operand in strides.indices { keptStrides[operand].insert(strides[operand][axis], at: 0) }
        }
        self.sizes = keptSizes
        self.strides = keptStrides
    }

    /// The walk's axes except the innermost, for an `OffsetOdometer` (operands 0 and 1).
    var outerOdometer: OffsetOdometer {
        let outer = max(0, sizes.count - 1)
        return OffsetOdometer(sizes: Array(sizes.prefix(outer)), firstStrides: Array(strides[0].prefix(outer)),
                              secondStrides: strides.count > 1 ? Array(strides[1].prefix(outer)) : nil)
    }

    /// The size of the innermost axis (1 when no axis is left).
    var innerSize: Int { sizes.last ?? 1 }

    /// Operand `operand`'s stride on the innermost axis (0 when no axis is left).
    func innerStride(_ operand: Int) -> Int { strides[operand].last ?? 0 }
}
