extension ConvolutionEpilogue {
    /// The epilogue of a plain conv: its bias (when `hasBias`), no residual, no activation.
    init(plainWithBias hasBias: Bool) {
        activation = .none
        (alpha, beta) = (0, 0)
        self.hasBias = hasBias
        hasResidual = false
    }
}
