import CNNGEMM

/// Contiguous ranges of independent items (channels, rows, elements) shared out over the worker
/// pool. Each item is computed by one thread in a fixed order, so results do not depend on the
/// number of threads.
enum WorkSplit {
    /// The least work (in elements touched) worth a part of its own: below it, waking a worker
    /// costs more than it saves.
    static let minimumWorkPerPart = 16_384

    /// How many parts `items` items of `workPerItem` elements each are worth on `threadCount`
    /// threads: at most one per item and per thread, and at least `minimumWorkPerPart` each.
    static func parts(items: Int, workPerItem: Int, threadCount: Int) -> Int {
        let work = items.multipliedReportingOverflow(by: max(workPerItem, 1))
        let byWork = work.overflow ? Int.max : work.partialValue / minimumWorkPerPart
        return max(1, min(threadCount, items, byWork))
    }

    /// Calls `body` with `parts` contiguous ranges covering `0..<items` (each starting at a
    /// multiple of `alignment`, empty ranges skipped), on the worker pool.
    static func run(items: Int, parts: Int, alignment: Int = 1, _ body: (Range<Int>) -> Void) {
        guard items > 0 else { return }
        let units = (items + alignment - 1) / alignment
        let parts = max(1, min(parts, units))
        WorkerPool.shared.run(parts: parts) { part in
            let start = min(items, part * units / parts * alignment)
            let end = min(items, (part + 1) * units / parts * alignment)
            if start < end { body(start..<end) }
        }
    }
}
