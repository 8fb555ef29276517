import CNNIR

/// dropout in training: `mask[i] = 1` where `DropoutMask` keeps element i (0 elsewhere) and
/// `y[i] = x[i]·mask[i]·scale` with scale = 1/(1 − ratio), the step read from the optional i64
/// operand at each run (0 without it). The mask is a pure function of the index, so the
/// contiguous ranges shared out over the worker pool give the same mask as the reference.
struct DropoutTrainingKernel: Kernel {
    let name = "dropout-train"
    /// The number of elements.
    let count: Int
    /// The seed attribute.
    let seed: Int
    /// The fraction dropped.
    let ratio: Double

    var workspaceBytes: Int { 0 }

    func run(_ buffers: KernelBuffers, context: KernelContext) {
        let step = buffers.inputs.count > 1 ? buffers.inputs[1].loadUnaligned(as: Int64.self) : 0
        let mask = DropoutMask(seed: seed, step: step, ratio: ratio)
        let scale = Float(1 / (1 - ratio))
        let x = buffers.floatInput(0), y = buffers.floatOutput(0), kept = buffers.floatOutput(1)
        let parts = WorkSplit.parts(items: count, workPerItem: 4, threadCount: context.threadCount)
        WorkSplit.run(items: count, parts: parts, alignment: 16) { range in
            for index in range {
                let value: Float = mask.keeps(index) ? 1 : 0
                kept[index] = value
                y[index] = x[index] * value * scale
            }
        }
    }
}
