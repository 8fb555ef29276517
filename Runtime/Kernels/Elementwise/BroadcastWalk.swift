import CNNIR

/// How a broadcasting node with a result of another element type than f32 (equal, less,
/// greater) or with more than two operands (where) walks its operands: NumPy broadcasting to
/// the result shape simplified by `CoalescedAxes`, as outer rows (`OperandOdometer`) and an
/// inner row of `innerSize` elements along which operand k steps by `innerStrides[k]` (0 when
/// it repeats one element).
struct BroadcastWalk: Sendable {
    /// The walk over the rows: the offset of every operand at each row's start.
    let rows: OperandOdometer
    /// The elements of one row.
    let innerSize: Int
    /// Each operand's stride along a row.
    let innerStrides: PreparedTable<Int>

    /// The walk for operands of `shapes` and a result of shape `output`; throws a `Diagnostic`
    /// at `node` when an operand does not broadcast to the result.
    init(operands shapes: [[Int]], output: [Int], node: Node) throws {
        let walk = CoalescedAxes(sizes: output, strides: try shapes.map { try BroadcastPlan.strides(of: $0, to: output, node: node) })
        let outer = max(0, walk.sizes.count - 1)
        rows = OperandOdometer(sizes: Array(walk.sizes.prefix(outer)), strides: walk.strides.map { Array($0.prefix(outer)) })
        innerSize = walk.innerSize
        innerStrides = PreparedTable(shapes.indices.map { walk.innerStride($0) })
    }
}
