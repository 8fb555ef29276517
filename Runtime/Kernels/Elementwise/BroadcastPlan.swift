import CNNIR

/// How a binary element-wise node walks its operands: NumPy broadcasting of `a` and `b` to the
/// result shape (operands aligned at the right; a size-1 axis repeats), simplified by
/// `CoalescedAxes` into outer rows and one inner row of `innerSize` elements in which each
/// operand is either contiguous or one repeated element.
///
/// Same-shape operands give one row of every element; `[N, C, H, W] + [C, 1, 1]` gives N·C
/// rows of H·W with `b` repeated; `[N, C, H, W] + [W]` gives N·C·H contiguous rows.
struct BroadcastPlan: Sendable {
    /// The walk over the rows: offsets of `a` (first) and `b` (second) at each row's start.
    let rows: OffsetOdometer
    /// The elements of one row.
    let innerSize: Int
    /// Whether `a` is contiguous along a row (else one element repeats).
    let aIsContiguous: Bool
    /// Whether `b` is contiguous along a row (else one element repeats).
    let bIsContiguous: Bool

    /// The plan for operands of shapes `a` and `b` and a result of shape `output`; throws a
    /// `Diagnostic` at `node` when an operand does not broadcast to the result.
    init(a: [Int], b: [Int], output: [Int], node: Node) throws {
        let walk = CoalescedAxes(sizes: output, strides: [try Self.strides(of: a, to: output, node: node),
                                                          try Self.strides(of: b, to: output, node: node)])
        rows = walk.outerOdometer
        innerSize = walk.innerSize
        aIsContiguous = walk.sizes.isEmpty || walk.innerStride(0) == 1
        bIsContiguous = walk.sizes.isEmpty || walk.innerStride(1) == 1
    }

    /// The strides with which an operand of `shape` is read along each axis of `output`:
    /// 0 on broadcast axes, its row-major stride elsewhere.
    static func strides(of shape: [Int], to output: [Int], node: Node) throws -> [Int] {
        let leading = output.count - shape.count
        guard leading >= 0 else {
            throw node.error("operand shape \(shape) does not broadcast to the result shape \(output)")
        }
        let own = rowMajorStrides(shape)
        var strides = Array(repeating: 0, count: output.count)
        for axis in shape.indices {
            guard shape[axis] == output[leading + axis] || shape[axis] == 1 else {
                throw node.error("operand shape \(shape) does not broadcast to the result shape \(output)")
            }
            strides[leading + axis] = shape[axis] == 1 ? 0 : own[axis]
        }
        return strides
    }
}
