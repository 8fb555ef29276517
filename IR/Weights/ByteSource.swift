#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Random access to the bytes of a safetensors file, so that the reader can check sizes before
/// it reads (and allocates) anything, and read each tensor straight into its own storage.
protocol ByteSource {
    /// The total number of bytes.
    var byteCount: Int { get }
    /// The bytes in `range`, which lies within `0..<byteCount`.
    func bytes(in range: Range<Int>) throws -> [UInt8]
}

/// Bytes already in memory.
struct MemoryBytes: ByteSource {
    /// The whole file.
    var storage: [UInt8]

    var byteCount: Int { storage.count }

    func bytes(in range: Range<Int>) throws -> [UInt8] { Array(storage[range]) }
}

/// A regular file opened for reading; reads use `pread`, straight into the returned array.
struct FileBytes: ByteSource {
    private let descriptor: Int32
    let byteCount: Int

    /// Opens `path`, passes the open file to `body`, and closes it again. Throws a `Diagnostic`
    /// (without a location) when the file cannot be opened or is not a regular file.
    static func withFile<Result>(at path: String, _ body: (FileBytes) throws -> Result) throws -> Result {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Diagnostic("cannot open the weights file: \(systemErrorMessage())") }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw Diagnostic("cannot read the size of the weights file: \(systemErrorMessage())")
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else { throw Diagnostic("the weights file is not a regular file") }
        return try body(FileBytes(descriptor: descriptor, byteCount: Int(status.st_size)))
    }

    /// The message for the current `errno`.
    static func systemErrorMessage() -> String {
        String(cString: strerror(errno))
    }

    func bytes(in range: Range<Int>) throws -> [UInt8] {
        try [UInt8](unsafeUninitializedCapacity: range.count) { buffer, initialized in
            initialized = 0
            guard let base = buffer.baseAddress else { return }
            while initialized < range.count {
                let count = pread(descriptor, base + initialized, range.count - initialized, off_t(range.lowerBound + initialized))
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else {
                    let reason = count == 0 ? "the file ended early (was it changed while being read?)" : FileBytes.systemErrorMessage()
                    throw Diagnostic("cannot read bytes \(range.lowerBound + initialized)..<\(range.upperBound) of the weights file: \(reason)")
                }
                initialized += count
            }
        }
    }
}
