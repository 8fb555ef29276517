import CNNGEMM
import CNNIR

/// What a fast conv kernel does to each output element after the sum over its window:
/// `y = activation(sum + bias[channel] + residual)`. A plain conv has only its optional bias; a
/// fused_conv adds the residual operand (3) and the activation its attributes name.
///
/// Kernels apply it while the output is hot: the packed GEMM applies bias, residual and the
/// piecewise-linear activations (relu, clip, leaky_relu) to each tile in registers, and
/// `activate` runs the others over the rows just stored; kernels that store rows themselves
/// (Winograd's output copy) run their loop through `withActivation`, specialized for it.
struct ConvolutionEpilogue: Sendable {
    /// The activation applied last.
    let activation: FusedActivation
    /// The activation's first parameter (leaky_relu's slope, clip's lower bound, hard_sigmoid's alpha).
    let alpha: Float
    /// The activation's second parameter (clip's upper bound, hard_sigmoid's beta).
    let beta: Float
    /// Whether the node has a bias operand (operand 2).
    let hasBias: Bool
    /// Whether the node has a residual operand (operand 3).
    let hasResidual: Bool

    /// The epilogue of a conv or fused_conv request.
    init(_ request: KernelRequest) throws {
        hasBias = request.operandTypes.count > 2
        hasResidual = request.operandTypes.count > 3
        if request.node.op == .fusedConv {
            activation = try request.choiceAttribute("activation", as: FusedActivation.self)
            alpha = Float(try request.doubleAttribute("activation_alpha"))
            beta = Float(try request.doubleAttribute("activation_beta"))
        } else {
            (activation, alpha, beta) = (.none, 0, 0)
        }
    }

    /// Whether the epilogue only adds the bias (no residual, no activation).
    var isBiasOnly: Bool { !hasResidual && activation == .none }

    /// The bias of a run (operand 2), or `nil`.
    func bias(_ buffers: KernelBuffers) -> UnsafePointer<Float>? {
        hasBias ? buffers.floatInput(2) : nil
    }

    /// The residual of a run (operand 3, shaped like the output), or `nil`.
    func residual(_ buffers: KernelBuffers) -> UnsafePointer<Float>? {
        hasResidual ? buffers.floatInput(3) : nil
    }

    /// The activation as the packed GEMM applies it in registers, or `nil` when it cannot
    /// (then `activate` runs after the product).
    var registerActivation: GEMMActivation? {
        switch activation {
        case .none: GEMMActivation.none
        case .relu: .relu
        case .clip: .clip(lower: alpha, upper: beta)
        case .leakyRelu: .leakyRelu(slope: alpha)
        case .sigmoid, .tanh, .hardSigmoid, .hardSwish, .silu: nil
        }
    }

    /// The GEMM epilogue of a block of output channels whose bias starts at `bias` and whose
    /// residual block starts at `residual` with rows `residualLeadingDimension` apart; it
    /// includes the activation when the GEMM can apply it in registers.
    func gemmEpilogue(bias: UnsafePointer<Float>?, residual: UnsafePointer<Float>?,
                      residualLeadingDimension: Int) -> GEMMEpilogue {
        GEMMEpilogue(rowBias: bias, residual: residual, residualLeadingDimension: residualLeadingDimension,
                     activation: registerActivation ?? .none)
    }

    /// Whether the activation needs its own pass after the GEMM (`activate`).
    var activatesAfterProduct: Bool { registerActivation == nil }

    /// Applies the activation in place to `count` consecutive floats.
    func activate(_ values: UnsafeMutablePointer<Float>, count: Int) {
        guard activation != .none else { return }
        withActivation(InPlaceActivation(values: values, count: count))
    }

    /// Runs `loop` with the activation as a vector transform (the identity for none), so that
    /// the loop is specialized for it.
    func withActivation<Loop: ActivatedLoop>(_ loop: Loop) {
        switch activation {
        case .none: loop.run(IdentityTransform())
        case .relu: loop.run(Rectifier())
        case .leakyRelu: loop.run(LeakyRectifier(alpha: alpha))
        case .clip: loop.run(Clip(lower: alpha, upper: beta))
        case .sigmoid: loop.run(Logistic())
        case .tanh: loop.run(HyperbolicTangent())
        case .hardSigmoid: loop.run(HardSigmoid(alpha: alpha, beta: beta))
        case .hardSwish: loop.run(HardSwish())
        case .silu: loop.run(SigmoidLinearUnit())
        }
    }
}

/// A loop over outputs that applies an activation, run by `ConvolutionEpilogue.withActivation`
/// with the activation as a concrete vector transform.
protocol ActivatedLoop {
    /// Runs the loop with `activation`.
    func run<Activation: VectorTransform>(_ activation: Activation)
}

/// The activation applied in place to `count` consecutive floats.
private struct InPlaceActivation: ActivatedLoop {
    let values: UnsafeMutablePointer<Float>
    let count: Int

    func run<Activation: VectorTransform>(_ activation: Activation) {
        applyTransform(activation, values, values, count: count)
    }
}

/// The identity, for epilogues without an activation.
struct IdentityTransform: VectorTransform {
    @inline(__always) func callAsFunction(_ x: FloatVector) -> FloatVector { x }
}
