/// What the depthwise row kernels (`DepthwiseRows`) read and write for one plane (one channel
/// of one image): its padded, phase-split copy, where each tap reads it, the channel's
/// weights and bias, and the output plane with its fused epilogue (residual and clamp).
public struct DepthwisePlaneRun {
    /// The plane's copy, in which output `q = oh·pitch + ow` reads tap `t` at `q + offsets[t]`.
    public let copy: UnsafePointer<Float>
    /// Per tap, where it reads the copy relative to an output's position.
    public let offsets: UnsafePointer<Int>
    /// The kh · kw weights of the channel.
    public let weights: UnsafePointer<Float>
    /// The number of taps (kh · kw).
    public let taps: Int
    /// The channel's bias in every lane (where each window sum starts).
    public let bias: SIMD16<Float>
    /// The output plane (`outputHeight × outputWidth`).
    public let output: UnsafeMutablePointer<Float>
    /// The residual plane added to the outputs, or `nil`.
    public let residual: UnsafePointer<Float>?
    /// The output plane's size.
    public let outputHeight: Int, outputWidth: Int
    /// The outputs from `output` on that may be written (and residuals read) with whole
    /// vectors: the plane's, and those of the planes computed after it on the same thread,
    /// which then overwrite what runs into them.
    public let writable: Int
    /// The floats between consecutive rows of the copy.
    public let pitch: Int
    /// The clamp applied to the outputs when `clamps` holds (relu's and clip's bounds).
    public let clampLower: Float, clampUpper: Float
    /// Whether the outputs are clamped.
    public let clamps: Bool
    /// Whether the window is square with 3 or 5 taps per row and the copy's row `r + i` is what
    /// tap row `i` reads for output row `r` (vertical stride and dilation 1), so that tap
    /// `i·k + j` reads at `offsets[j] + i·pitch`: four stacked output rows then share their
    /// loads (`DepthwiseRows.stackedSums`).
    public let stacksRows: Bool

    /// The run of one plane.
    @inlinable
    public init(copy: UnsafePointer<Float>, offsets: UnsafePointer<Int>, weights: UnsafePointer<Float>, taps: Int,
                 bias: SIMD16<Float>, output: UnsafeMutablePointer<Float>, residual: UnsafePointer<Float>?,
                 outputHeight: Int, outputWidth: Int, writable: Int, pitch: Int, clampLower: Float, clampUpper: Float, clamps: Bool,
                stacksRows: Bool) {
        (self.copy, self.offsets, self.weights, self.taps, self.bias) = (copy, offsets, weights, taps, bias)
        (self.output, self.residual, self.outputHeight, self.outputWidth, self.pitch) = (output, residual, outputHeight, outputWidth, pitch)
        self.writable = writable
        (self.clampLower, self.clampUpper, self.clamps, self.stacksRows) = (clampLower, clampUpper, clamps, stacksRows)
    }
}
