import CBLAS
import Foundation

/// The thread count of OpenBLAS, which is one setting for the whole process.
///
/// OpenBLAS splits a product differently for different thread counts, which changes the last
/// bits of results; so a plan sets the count it was prepared with when it is prepared and again
/// before each run (only when it differs: the common case of one setting per process costs one
/// query). Models with different thread counts running at the same moment share whichever
/// setting came last.
enum BLASThreads {
    /// The active processors of the machine.
    static let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// Lets OpenBLAS use `threadCount` threads, but never more than the active processors, so
    /// that a run does not keep more threads busy than there are cores.
    static func use(threadCount: Int) {
        let wanted = Int32(clamping: min(max(1, threadCount), cores))
        if openblas_get_num_threads() != wanted { openblas_set_num_threads(wanted) }
    }
}
