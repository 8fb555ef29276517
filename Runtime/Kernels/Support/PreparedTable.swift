/// Values computed once when a kernel is prepared (index tables, per-channel coefficients),
/// held in memory of their own so that a run reads them through a plain pointer: no array
/// bounds checks and no copy-on-write checks in hot loops.
///
/// The memory is written only by the initializer and freed with the last reference, so the
/// table can be shared by kernels running on several threads at once.
final class PreparedTable<Element: BitwiseCopyable>: @unchecked Sendable {
    /// The first value.
    let elements: UnsafePointer<Element>
    /// The number of values.
    let count: Int

    /// A table holding a copy of `values`.
    init(_ values: [Element]) {
        let memory = UnsafeMutablePointer<Element>.allocate(capacity: max(1, values.count))
        values.withUnsafeBufferPointer { source in
            if let base = source.baseAddress { memory.initialize(from: base, count: values.count) }
        }
        elements = UnsafePointer(memory)
        count = values.count
    }

    deinit { UnsafeMutablePointer(mutating: elements).deallocate() }

    /// The value at `index` (in `0..<count`, unchecked).
    @inline(__always) subscript(index: Int) -> Element { elements[index] }
}
