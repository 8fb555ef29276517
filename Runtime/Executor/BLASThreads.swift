import CBLAS
import Foundation

/// The thread count of OpenBLAS, which is one setting for the whole process.
enum BLASThreads {
    /// Lets OpenBLAS use `threadCount` threads, but never more than the active processors, so
    /// that a run does not keep more threads busy than there are cores. The last plan prepared
    /// sets it for every model of the process.
    static func configure(threadCount: Int) {
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        openblas_set_num_threads(Int32(clamping: min(max(1, threadCount), cores)))
    }
}
