/// Bytes already in memory.
struct MemoryBytes: ByteSource {
    /// The whole file.
    var storage: [UInt8]

    var byteCount: Int { storage.count }

    func bytes(in range: Range<Int>) throws -> [UInt8] { Array(storage[range]) }
}
