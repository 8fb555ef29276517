import CCPU

/// The floating-point mode of a run: flush-to-zero and denormals-are-zero on, so that values
/// fading towards zero in deep networks cannot slow kernels down a hundredfold.
public enum FloatingPointMode {
    /// Runs `body` on the calling thread with flush-to-zero and denormals-are-zero on, and
    /// restores the thread's previous mode afterwards (also when `body` throws).
    public static func withFlushToZero<Result>(_ body: () throws -> Result) rethrows -> Result {
        let previous = ccpu_enable_flush_to_zero()
        defer { ccpu_restore_float_mode(previous) }
        return try body()
    }
}
