/// Starts an output block at its bias: before a product accumulates into it with beta = 1, each
/// of `channels` rows of `length` floats (rows `rowStride` apart) is set to its channel's bias,
/// or to zero without a bias. OpenBLAS sweeps C once for beta = 0 anyway, so the bias costs
/// no extra pass.
@inline(__always)
func startWithBias(_ bias: UnsafePointer<Float>?, channels: Int, rows: UnsafeMutablePointer<Float>,
                   rowStride: Int, length: Int) {
    for channel in 0..<channels {
        (rows + channel * rowStride).update(repeating: bias?[channel] ?? 0, count: length)
    }
}
