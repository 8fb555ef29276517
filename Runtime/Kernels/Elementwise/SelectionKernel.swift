/// where: x where the one-byte bool condition is true, y elsewhere, the three broadcast together
/// (x and y f32). Elements are copied, not computed.
struct SelectionKernel: Kernel {
    let name = "where"
    /// The walk over condition, x and y.
    let walk: BroadcastWalk

    var workspaceBytes: Int { 0 }
    /// x and y (f32 like the result) are read at an index before the result is written there.
    var inPlaceOperands: [Int] { [1, 2] }

    func run(_ buffers: KernelBuffers, context: KernelContext) {
        let condition = buffers.inputs[0].assumingMemoryBound(to: UInt8.self)
        let x = buffers.floatInput(1), y = buffers.floatInput(2)
        var output = buffers.floatOutput(0)
        let inner = walk.innerSize
        let (conditionStride, xStride, yStride) = (walk.innerStrides[0], walk.innerStrides[1], walk.innerStrides[2])
        walk.rows.forEach { offsets in
            let conditionRow = condition + offsets[0], xRow = x + offsets[1], yRow = y + offsets[2]
            for index in 0..<inner {
                output[index] = conditionRow[index &* conditionStride] != 0 ? xRow[index &* xStride] : yRow[index &* yStride]
            }
            output += inner
        }
    }
}
