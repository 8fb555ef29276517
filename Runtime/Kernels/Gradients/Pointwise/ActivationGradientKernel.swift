import CNNIR

/// activation_grad over the whole contiguous buffer, 16 lanes at a time, split in contiguous
/// ranges (multiples of 16) over the worker pool when it is large.
///
/// As `UnaryKernel`, the kernel is not generic: `run` picks the activation once and calls
/// `applyGradient` with a concrete transform, so each gets its own inlined loop.
struct ActivationGradientKernel: Kernel {
    let name: String
    /// The number of elements.
    let count: Int
    /// The activation differentiated.
    let activation: DifferentiableActivation
    /// The forward op's first parameter (leaky_relu's and elu's alpha, clip's lower bound, hard_sigmoid's alpha).
    let alpha: Float
    /// The forward op's second parameter (clip's upper bound, hard_sigmoid's beta).
    let beta: Float

    var workspaceBytes: Int { 0 }
    /// Each vector of x and dy is loaded before dx's vector at the same index is stored.
    var inPlaceOperands: [Int] { [0, 1] }

    func run(_ buffers: KernelBuffers, context: KernelContext) {
        let x = buffers.floatInput(0), dy = buffers.floatInput(1), dx = buffers.floatOutput(0)
        let parts = WorkSplit.parts(items: count, workPerItem: 1, threadCount: context.threadCount)
        WorkSplit.run(items: count, parts: parts, alignment: 16) { range in
            differentiate(x: x, dy: dy, dx: dx, range: range)
        }
    }

    /// dx over `range`.
    private func differentiate(x: UnsafePointer<Float>, dy: UnsafePointer<Float>, dx: UnsafeMutablePointer<Float>, range: Range<Int>) {
        switch activation {
        case .none: applyGradient(IdentityGradient(), x: x, dy: dy, dx: dx, range: range)
        case .relu: applyGradient(RectifierGradient(), x: x, dy: dy, dx: dx, range: range)
        case .leakyRelu: applyGradient(LeakyRectifierGradient(alpha: alpha), x: x, dy: dy, dx: dx, range: range)
        case .clip: applyGradient(ClipGradient(lower: alpha, upper: beta), x: x, dy: dy, dx: dx, range: range)
        case .sigmoid: applyGradient(LogisticGradient(), x: x, dy: dy, dx: dx, range: range)
        case .tanh: applyGradient(HyperbolicTangentGradient(), x: x, dy: dy, dx: dx, range: range)
        case .hardSigmoid: applyGradient(HardSigmoidGradient(alpha: alpha, beta: beta), x: x, dy: dy, dx: dx, range: range)
        case .hardSwish: applyGradient(HardSwishGradient(), x: x, dy: dy, dx: dx, range: range)
        case .silu: applyGradient(SigmoidLinearUnitGradient(), x: x, dy: dy, dx: dx, range: range)
        case .elu: applyGradient(ExponentialLinearUnitGradient(alpha: alpha), x: x, dy: dy, dx: dx, range: range)
        case .softplus: applyGradient(SoftPlusGradient(), x: x, dy: dy, dx: dx, range: range)
        case .gelu: applyGradient(GaussianErrorLinearUnitGradient(), x: x, dy: dy, dx: dx, range: range)
        }
    }
}
