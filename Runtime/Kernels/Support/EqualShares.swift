/// Part `part` of `parts` contiguous, nearly equal shares of `0..<count` (sizes differing by at
/// most one): how kernels split their work items, rows or channels over the worker threads.
@inline(__always)
func equalShare(_ part: Int, of parts: Int, _ count: Int) -> Range<Int> {
    (part * count / parts)..<((part + 1) * count / parts)
}
