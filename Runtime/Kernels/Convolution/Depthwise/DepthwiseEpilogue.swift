/// A `ConvolutionEpilogue` as the depthwise kernels apply it: the bias is where each window sum
/// starts, the residual is added to each vector in registers, relu and clip are applied there
/// too (as a clamp), and the other activations run over the output rows just stored, while
/// they are in L1 (`DepthwiseSweep`).
struct DepthwiseEpilogue: Sendable {
    /// The epilogue applied.
    let epilogue: ConvolutionEpilogue
    /// The clamp applied in registers: relu's and clip's bounds.
    let clamp: Clip
    /// Whether the clamp does anything (relu or clip).
    let clamps: Bool
    /// Whether the activation runs over stored outputs (`activateStored`).
    let activatesStored: Bool

    /// The depthwise form of `epilogue`.
    init(_ epilogue: ConvolutionEpilogue) {
        self.epilogue = epilogue
        switch epilogue.activation {
        case .relu: clamp = Clip(lower: 0, upper: .infinity)
        case .clip: clamp = Clip(lower: epilogue.alpha, upper: epilogue.beta)
        default: clamp = Clip(lower: -.infinity, upper: .infinity)
        }
        clamps = epilogue.activation == .relu || epilogue.activation == .clip
        activatesStored = !clamps && epilogue.activation != .none
    }

    /// The outputs of window sums `sum` (bias included) whose residual, when there is one,
    /// is the 16 floats at `residual + offset`.
    @inline(__always)
    func finish(_ sum: FloatVector, residual: UnsafePointer<Float>?, at offset: Int) -> FloatVector {
        let total = residual.map { sum + $0.loadFloatVector(at: offset) } ?? sum
        return clamps ? clamp(total) : total
    }

    /// `finish` for a vector of which only the first `count` (< 16) lanes are outputs.
    @inline(__always)
    func finish(_ sum: FloatVector, residual: UnsafePointer<Float>?, at offset: Int, count: Int) -> FloatVector {
        let total = residual.map { sum + $0.loadPartialFloatVector(at: offset, count: count) } ?? sum
        return clamps ? clamp(total) : total
    }

    /// Applies the activation to `count` stored outputs when it is not applied in registers.
    @inline(__always)
    func activateStored(_ values: UnsafeMutablePointer<Float>, count: Int) {
        if activatesStored { epilogue.activate(values, count: count) }
    }
}
