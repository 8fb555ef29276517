import CNNIR

/// The values a plan keeps for all its runs, parameters and constants, copied once into one
/// allocation, each at a 64-byte-aligned offset.
///
/// It is written only while it is created and read-only afterwards, which is why it may be
/// shared by runs on several threads.
final class ResidentStorage: @unchecked Sendable {
    /// The start of the allocation.
    let base: UnsafeMutableRawPointer
    /// The byte offset of each value, by name.
    let offsets: [String: Int]

    /// Copies `tensors` (by value name) into one allocation.
    init(_ tensors: [(name: String, tensor: Tensor)]) {
        let alignment = 64
        var offsets: [String: Int] = [:]
        var end = 0
        for (name, tensor) in tensors {
            offsets[name] = end
            end += (tensor.count * tensor.dtype.byteSize + alignment - 1) / alignment * alignment
        }
        base = UnsafeMutableRawPointer.allocate(byteCount: max(end, alignment), alignment: alignment)
        for (name, tensor) in tensors {
            tensor.copyBytes(to: base + (offsets[name] ?? 0))
        }
        self.offsets = offsets
    }

    deinit { base.deallocate() }
}
