import CNNGEMM

/// `y[n] = alpha · Σ_k a[k]·B[n, k]` (added to `y`'s contents when accumulating): a gemm of one
/// row with a transposed B — a classifier layer at batch 1 — as one SIMD16 dot product per
/// output, the outputs split in contiguous ranges over the worker pool. It reads B once, at
/// memory speed, where a blocked GEMM would pack it first. Each output is one thread's sum in a
/// fixed order, so results do not depend on the thread count.
struct RowVectorProduct: Sendable {
    /// N: the outputs (rows of the stored B).
    let columns: Int
    /// K: the length of `a` and of each row of B.
    let inner: Int
    /// The scale of the product.
    let alpha: Float
    /// Whether the product is added to `y` (it holds the broadcast C) instead of replacing it.
    let accumulates: Bool

    /// The fewest outputs worth a thread of their own.
    static let minimumOutputsPerPart = 64

    /// Computes `y` from `a` (K floats) and `b` (N rows of K floats) on up to `threadCount` threads.
    func run(a: UnsafePointer<Float>, b: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>, threadCount: Int) {
        let parts = max(1, min(threadCount, columns / Self.minimumOutputsPerPart))
        WorkerPool.shared.run(parts: parts) { part in
            for output in equalShare(part, of: parts, columns) {
                let sum = alpha * dot(a, b + output * inner)
                y[output] = accumulates ? y[output] + sum : sum
            }
        }
    }

    /// `Σ_k x[k]·z[k]` over `inner` elements, in four SIMD16 accumulators.
    @inline(__always)
    private func dot(_ x: UnsafePointer<Float>, _ z: UnsafePointer<Float>) -> Float {
        var sums = (FloatVector(), FloatVector(), FloatVector(), FloatVector())
        var index = 0
        while index + 64 <= inner {
            sums.0.addProduct(x.loadFloatVector(at: index), z.loadFloatVector(at: index))
            sums.1.addProduct(x.loadFloatVector(at: index + 16), z.loadFloatVector(at: index + 16))
            sums.2.addProduct(x.loadFloatVector(at: index + 32), z.loadFloatVector(at: index + 32))
            sums.3.addProduct(x.loadFloatVector(at: index + 48), z.loadFloatVector(at: index + 48))
            index += 64
        }
        while index + 16 <= inner {
            sums.0.addProduct(x.loadFloatVector(at: index), z.loadFloatVector(at: index))
            index += 16
        }
        if index < inner {
            let rest = inner - index
            sums.1.addProduct(x.loadPartialFloatVector(at: index, count: rest), z.loadPartialFloatVector(at: index, count: rest))
        }
        return ((sums.0 + sums.1) + (sums.2 + sums.3)).sum()
    }
}
