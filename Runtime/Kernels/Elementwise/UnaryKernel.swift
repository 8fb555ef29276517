/// An element-wise activation and its attributes.
enum Activation: Sendable {
    case relu
    case leakyRelu(alpha: Float)
    case clip(lower: Float, upper: Float)
    case sigmoid
    case tanh
    case hardSigmoid(alpha: Float, beta: Float)
    case hardSwish
    case silu
    case elu(alpha: Float)
}

/// An element-wise activation over the whole contiguous buffer, 16 lanes at a time (the last
/// partial vector included, without reading or writing past the end).
///
/// The kernel is not generic: `run` picks the activation once and calls `applyTransform` with a
/// concrete transform, so each activation gets its own specialized, inlined loop (a generic
/// kernel type called through `any Kernel` would run unspecialized code).
struct UnaryKernel: Kernel {
    let name: String
    /// The number of elements.
    let count: Int
    /// The activation.
    let activation: Activation

    var workspaceBytes: Int { 0 }

    func run(_ buffers: KernelBuffers, context: KernelContext) {
        let x = buffers.floatInput(0), y = buffers.floatOutput(0)
        switch activation {
        case .relu: applyTransform(Rectifier(), x, y, count: count)
        case .leakyRelu(let alpha): applyTransform(LeakyRectifier(alpha: alpha), x, y, count: count)
        case .clip(let lower, let upper): applyTransform(Clip(lower: lower, upper: upper), x, y, count: count)
        case .sigmoid: applyTransform(Logistic(), x, y, count: count)
        case .tanh: applyTransform(HyperbolicTangent(), x, y, count: count)
        case .hardSigmoid(let alpha, let beta): applyTransform(HardSigmoid(alpha: alpha, beta: beta), x, y, count: count)
        case .hardSwish: applyTransform(HardSwish(), x, y, count: count)
        case .silu: applyTransform(SigmoidLinearUnit(), x, y, count: count)
        case .elu(let alpha): applyTransform(ExponentialLinearUnit(alpha: alpha), x, y, count: count)
        }
    }
}
