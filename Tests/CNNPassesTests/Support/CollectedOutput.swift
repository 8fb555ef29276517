import Foundation

/// Text collected from the pass manager's output callback (which may be called from any thread).
final class CollectedOutput: @unchecked Sendable {
    private let lock = NSLock()
    private var pieces: [String] = []

    /// Everything written so far, in order.
    var texts: [String] { lock.withLock { pieces } }

    /// Appends one piece of output.
    func append(_ text: String) { lock.withLock { pieces.append(text) } }
}
