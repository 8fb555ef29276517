import CNNIR

/// learning_rate: the schedule's rate at the step read from the i64 operand, written as one f32
/// (NaN for a negative step, which the reference path rejects).
struct LearningRateKernel: Kernel {
    let name = "learning-rate"
    let workspaceBytes = 0
    /// The schedule, from the node's attributes.
    let schedule: ScheduledLearningRate

    func run(_ buffers: KernelBuffers, context: KernelContext) {
        let step = buffers.inputs[0].load(as: Int64.self)
        buffers.floatOutput(0).pointee = step < 0 ? .nan : Float(schedule.rate(atStep: Int(step)))
    }
}
