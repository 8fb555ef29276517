import CNNWinogradKernels

/// The filter transform of a Winograd conv: `U = G g Gᵀ` (α×α) for the 3×3 kernel g of every
/// pair of output and input channels, computed in Double for 16 input channels at a time (one
/// per lane) and rounded once; the same code runs at preparation (constant weights) and at run
/// time, so both give the same bits.
///
/// U is stored frequency by frequency, each frequency ξ = a·α + b a `C_out × C_in` matrix: the
/// element of pair (o, i) at `ξ·C_out·C_in + o·C_in + i`, which is the left factor of that
/// frequency's product.
struct WinogradFilterTransform: Sendable {
    /// The vector of 16 lanes the transform computes with.
    typealias Lanes = SIMD16<Double>

    /// α.
    let patchSize: Int
    /// G (α × 3), row-major.
    let filter: [Double]

    /// The transform of `tile`.
    init(_ tile: WinogradTile) {
        patchSize = tile.inputSize
        filter = tile.transforms.filterTransform.flatMap { row in row.map(\.doubleValue) }
    }

    /// The floats of U for `outputChannels × inputChannels` kernels.
    func floatCount(outputChannels: Int, inputChannels: Int) -> Int {
        patchSize * patchSize * outputChannels * inputChannels
    }

    /// Transforms the kernels of the output channels `channels` of `weights` (`[C_out, C_in, 3, 3]`,
    /// `outputChannels` = C_out) into their places in `transformed`.
    func transform(_ weights: UnsafePointer<Float>, channels: Range<Int>, outputChannels: Int, inputChannels: Int,
                   into transformed: UnsafeMutablePointer<Float>) {
        let size = patchSize, frequencyFloats = outputChannels * inputChannels, width = Lanes.scalarCount
        filter.withUnsafeBufferPointer { filterBuffer in
            guard let g = filterBuffer.baseAddress else { return }
            withUnsafeTemporaryAllocation(of: Lanes.self, capacity: 9 + size * 3) { buffer in
                guard let kernel = buffer.baseAddress else { return }
                let columns = kernel + 9
                for output in channels {
                    for first in stride(from: 0, to: inputChannels, by: width) {
                        let lanes = min(width, inputChannels - first)
                        let source = weights + (output * inputChannels + first) * 9
                        for tap in 0..<9 {
                            if lanes == width {
                                kernel[tap] = Lanes(WinogradLaneMoves<RuntimeWinograd>.gather(source + tap, stride: 9))
                            } else {
                                var vector = Lanes()
                                for lane in 0..<lanes { vector[lane] = Double(source[lane * 9 + tap]) }
                                kernel[tap] = vector
                            }
                        }
                        // columns(a, s) = Σ_r G[a][r]·kernel(r, s).
                        for a in 0..<size {
                            for s in 0..<3 {
                                var sum = Lanes()
                                for r in 0..<3 { sum.addProduct(Lanes(repeating: g[a * 3 + r]), kernel[r * 3 + s]) }
                                columns[a * 3 + s] = sum
                            }
                        }
                        // U(a, b) = Σ_s columns(a, s)·G[b][s].
                        let pairs = transformed + output * inputChannels + first
                        for a in 0..<size {
                            for b in 0..<size {
                                var sum = Lanes()
                                for s in 0..<3 { sum.addProduct(Lanes(repeating: g[b * 3 + s]), columns[a * 3 + s]) }
                                let rounded = SIMD16<Float>(sum), destination = pairs + (a * size + b) * frequencyFloats
                                if lanes == width {
                                    destination.storeFloatVector(rounded, at: 0)
                                } else {
                                    destination.storePartialFloatVector(rounded, at: 0, count: lanes)
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
