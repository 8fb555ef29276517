import CNNGEMM

/// global_norm_scale on f32 gradients: min(1, max_norm/(‖(g1, g2, …)‖₂ + 1e-6)).
///
/// Each gradient is cut into blocks of `blockLength` elements; a block's sum of squares is
/// accumulated in four SIMD16 f32 vectors and stored as a Double in the workspace (the blocks are
/// shared over the worker pool), then the block sums are added in order. A block's sum does not
/// depend on which thread computes it, so the result is the same on any number of threads.
struct GlobalNormScaleKernel: Kernel {
    let name = "global-norm-scale"
    /// The element count of each gradient.
    let counts: [Int]
    /// The largest global norm left unscaled.
    let maximumNorm: Double

    /// The elements summed in f32 before the sum joins the Double total.
    static let blockLength = 4096
    /// The fewest blocks worth a thread of their own.
    static let minimumBlocksPerPart = 8

    /// The first block of each gradient, then the number of blocks (one more entry than gradients).
    private let blockStarts: [Int]

    /// A kernel for gradients of `counts` elements.
    init(counts: [Int], maximumNorm: Double) {
        self.counts = counts
        self.maximumNorm = maximumNorm
        blockStarts = counts.reduce(into: [0]) { starts, count in
            starts.append(starts[starts.count - 1] + (count + Self.blockLength - 1) / Self.blockLength)
        }
    }

    var workspaceBytes: Int { max(1, blockStarts[counts.count]) * MemoryLayout<Double>.stride }

    func run(_ buffers: KernelBuffers, context: KernelContext) {
        let blocks = blockStarts[counts.count]
        buffers.withWorkspace(bytes: workspaceBytes) { raw in
            let sums = raw.bindMemory(to: Double.self, capacity: max(1, blocks))
            blockStarts.withUnsafeBufferPointer { starts in
                counts.withUnsafeBufferPointer { counts in
                    let parts = max(1, min(context.threadCount, blocks / Self.minimumBlocksPerPart))
                    WorkerPool.shared.run(parts: parts) { part in
                        var gradient = 0
                        for block in equalShare(part, of: parts, blocks) {
                            while block >= starts[gradient + 1] { gradient += 1 }
                            let first = (block - starts[gradient]) * Self.blockLength
                            let length = Swift.min(Self.blockLength, counts[gradient] - first)
                            sums[block] = Double(sumOfSquares(buffers.floatInput(gradient) + first, count: length))
                        }
                    }
                }
            }
            var total = 0.0
            for block in 0..<blocks { total += sums[block] }
            buffers.floatOutput(0).pointee = Float(Swift.min(1, maximumNorm / (total.squareRoot() + 1e-6)))
        }
    }

    /// Σ x² over `count` floats, in four SIMD16 accumulators.
    @inline(__always)
    private func sumOfSquares(_ x: UnsafePointer<Float>, count: Int) -> Float {
        var sums = (FloatVector(), FloatVector(), FloatVector(), FloatVector())
        var index = 0
        while index + 64 <= count {
            let a = x.loadFloatVector(at: index), b = x.loadFloatVector(at: index + 16)
            let c = x.loadFloatVector(at: index + 32), d = x.loadFloatVector(at: index + 48)
            sums.0.addProduct(a, a); sums.1.addProduct(b, b); sums.2.addProduct(c, c); sums.3.addProduct(d, d)
            index += 64
        }
        while index + 16 <= count {
            let a = x.loadFloatVector(at: index)
            sums.0.addProduct(a, a)
            index += 16
        }
        if index < count {
            let a = x.loadPartialFloatVector(at: index, count: count - index)
            sums.1.addProduct(a, a)
        }
        return ((sums.0 + sums.1) + (sums.2 + sums.3)).sum()
    }
}
