/// Random access to the bytes of a file (or of memory), so that a reader can check sizes before
/// it reads (and allocates) anything, and read each part straight into its own storage.
public protocol ByteSource {
    /// The total number of bytes.
    var byteCount: Int { get }
    /// The bytes in `range`, which lies within `0..<byteCount`.
    func bytes(in range: Range<Int>) throws -> [UInt8]
}
