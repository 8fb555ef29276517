import CBLAS

/// OpenBLAS's thread count, which is one setting for the whole process.
///
/// The runtime's own worker pool runs the kernels' threads; OpenBLAS (behind gemm, matmul and
/// conv_transpose) runs single-threaded inside them. Its own threads would otherwise spin for a
/// long while after each call, taking the core the pool's workers need for the next layer.
enum BLASThreads {
    /// Sets OpenBLAS to one thread (a query when it already is).
    static func useOneThread() {
        if openblas_get_num_threads() != 1 { openblas_set_num_threads(1) }
    }
}
