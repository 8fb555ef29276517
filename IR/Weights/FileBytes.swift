#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A regular file opened for reading; reads use `pread`, straight into the returned array.
public struct FileBytes: ByteSource {
    /// The open file.
    private let descriptor: Int32
    /// The file's size in bytes.
    public let byteCount: Int

    /// Opens `path`, passes the open file to `body`, and closes it again. When the file cannot
    /// be opened, its size cannot be read, it is not a regular file, or a read in `body` fails,
    /// throws a `Diagnostic` (without a location) with the message `wording` gives the failure.
    public static func withFile<Result>(at path: String, wording: (FileReadFailure) -> String,
                                        _ body: (FileBytes) throws -> Result) throws -> Result {
        try FileReadFailure.worded(wording) {
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw FileReadFailure.cannotOpen(reason: systemErrorMessage()) }
            defer { close(descriptor) }
            var status = stat()
            guard fstat(descriptor, &status) == 0 else { throw FileReadFailure.cannotReadSize(reason: systemErrorMessage()) }
            guard (status.st_mode & S_IFMT) == S_IFREG else { throw FileReadFailure.notRegularFile }
            return try body(FileBytes(descriptor: descriptor, byteCount: Int(status.st_size)))
        }
    }

    /// `withFile(at:wording:_:)` in the safetensors reader's words ("the weights file").
    static func withFile<Result>(at path: String, _ body: (FileBytes) throws -> Result) throws -> Result {
        try withFile(at: path, wording: \.weightsFileMessage, body)
    }

    /// The bytes in `range`, which lies within `0..<byteCount`. Throws
    /// `FileReadFailure.cannotReadBytes` when the system fails or the file ends early (it was
    /// changed while being read); `withFile` words it.
    public func bytes(in range: Range<Int>) throws -> [UInt8] {
        try [UInt8](unsafeUninitializedCapacity: range.count) { buffer, initialized in
            initialized = 0
            guard let base = buffer.baseAddress else { return }
            while initialized < range.count {
                let count = pread(descriptor, base + initialized, range.count - initialized, off_t(range.lowerBound + initialized))
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else {
                    let reason = count == 0 ? "the file ended early (was it changed while being read?)" : FileBytes.systemErrorMessage()
                    throw FileReadFailure.cannotReadBytes((range.lowerBound + initialized)..<range.upperBound, reason: reason)
                }
                initialized += count
            }
        }
    }

    /// The message for the current `errno`.
    static func systemErrorMessage() -> String {
        String(cString: strerror(errno))
    }
}
