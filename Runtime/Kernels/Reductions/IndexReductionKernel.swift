/// argmax and argmin of f32 along one axis, as i64 indices. The input is seen as
/// `[outer, length, inner]`; for each outer index the positions along the axis are visited in
/// order and each of the `inner` columns keeps its best value (in the workspace) and its index
/// (in the output). A NaN beats every number, the first index wins ties, the last with
/// select_last_index — the reference's rules.
struct IndexReductionKernel: Kernel {
    let name: String
    /// argmax rather than argmin.
    let largest: Bool
    /// On ties, the last index rather than the first.
    let selectsLast: Bool
    /// The product of the sizes before the axis.
    let outer: Int
    /// The size of the axis (≥ 1).
    let length: Int
    /// The product of the sizes after the axis.
    let inner: Int

    /// Room for one best value per column.
    var workspaceBytes: Int { WorkspaceSize.bytes(forFloats: inner) }

    func run(_ buffers: KernelBuffers, context: KernelContext) {
        let x = buffers.floatInput(0)
        let indices = buffers.outputs[0].assumingMemoryBound(to: Int64.self)
        buffers.withFloatWorkspace(bytes: workspaceBytes) { best in
            let (largest, selectsLast, length, inner) = (self.largest, self.selectsLast, self.length, self.inner)
            for block in 0..<outer {
                let values = x + block * length * inner, found = indices + block * inner
                for column in 0..<inner {
                    best[column] = values[column]
                    found[column] = 0
                }
                for position in 1..<length {
                    let row = values + position * inner
                    for column in 0..<inner {
                        let candidate = row[column], incumbent = best[column]
                        let wins = !incumbent.isNaN && (candidate.isNaN || (largest ? candidate > incumbent : candidate < incumbent))
                        let ties = candidate == incumbent || (candidate.isNaN && incumbent.isNaN)
                        if wins || (selectsLast && ties) {
                            best[column] = candidate
                            found[column] = Int64(position)
                        }
                    }
                }
            }
        }
    }
}
