/// An element-wise function of one operand (an activation or a math op) and its attributes.
enum UnaryFunction: Sendable {
    case relu
    case leakyRelu(alpha: Float)
    case clip(lower: Float, upper: Float)
    case sigmoid
    case tanh
    case hardSigmoid(alpha: Float, beta: Float)
    case hardSwish
    case silu
    case elu(alpha: Float)
    case squareRoot, exponential, logarithm, negation, absoluteValue, reciprocal, errorFunction, softPlus
    /// gelu; `tanh` for approximate = tanh.
    case gaussianErrorLinearUnit(tanh: Bool)
}

/// An element-wise function over the whole contiguous buffer, 16 lanes at a time (the last
/// partial vector included, without reading or writing past the end).
///
/// The kernel is not generic: `run` picks the function once and calls `applyTransform` with a
/// concrete transform, so each function gets its own specialized, inlined loop (a generic
/// kernel type called through `any Kernel` would run unspecialized code).
struct UnaryKernel: Kernel {
    let name: String
    /// The number of elements.
    let count: Int
    /// The function.
    let function: UnaryFunction

    var workspaceBytes: Int { 0 }
    /// `applyTransform` loads each vector of x before storing y's vector at the same index.
    var inPlaceOperands: [Int] { [0] }

    func run(_ buffers: KernelBuffers, context: KernelContext) {
        let x = buffers.floatInput(0), y = buffers.floatOutput(0)
        switch function {
        case .relu: applyTransform(Rectifier(), x, y, count: count)
        case .leakyRelu(let alpha): applyTransform(LeakyRectifier(alpha: alpha), x, y, count: count)
        case .clip(let lower, let upper): applyTransform(Clip(lower: lower, upper: upper), x, y, count: count)
        case .sigmoid: applyTransform(Logistic(), x, y, count: count)
        case .tanh: applyTransform(HyperbolicTangent(), x, y, count: count)
        case .hardSigmoid(let alpha, let beta): applyTransform(HardSigmoid(alpha: alpha, beta: beta), x, y, count: count)
        case .hardSwish: applyTransform(HardSwish(), x, y, count: count)
        case .silu: applyTransform(SigmoidLinearUnit(), x, y, count: count)
        case .elu(let alpha): applyTransform(ExponentialLinearUnit(alpha: alpha), x, y, count: count)
        case .squareRoot: applyTransform(SquareRoot(), x, y, count: count)
        case .exponential: applyTransform(Exponential(), x, y, count: count)
        case .logarithm: applyTransform(NaturalLogarithm(), x, y, count: count)
        case .negation: applyTransform(Negation(), x, y, count: count)
        case .absoluteValue: applyTransform(AbsoluteValue(), x, y, count: count)
        case .reciprocal: applyTransform(Reciprocal(), x, y, count: count)
        case .errorFunction: applyTransform(ErrorFunction(), x, y, count: count)
        case .softPlus: applyTransform(SoftPlus(), x, y, count: count)
        case .gaussianErrorLinearUnit(let tanh):
            if tanh {
                applyTransform(TanhGaussianErrorLinearUnit(), x, y, count: count)
            } else {
                applyTransform(GaussianErrorLinearUnit(), x, y, count: count)
            }
        }
    }
}
