#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CNNIR

/// A regular file opened for reading, read with `pread` straight into arrays, so that sizes can
/// be checked against the file before anything is allocated.
struct BinaryFile {
    /// The open file.
    private let descriptor: Int32
    /// The file's size in bytes.
    let size: Int

    /// Opens `path`, passes the open file to `body` and closes it again. Throws a `Diagnostic`
    /// naming `path` when it cannot be opened or is not a regular file.
    static func withFile<Result>(at path: String, _ body: (BinaryFile) throws -> Result) throws -> Result {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Diagnostic("\(path): cannot open the file: \(systemError())") }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw Diagnostic("\(path): cannot read the file's size: \(systemError())") }
        guard status.st_mode & S_IFMT == S_IFREG else { throw Diagnostic("\(path): not a regular file") }
        return try body(BinaryFile(descriptor: descriptor, size: Int(status.st_size)))
    }

    /// The whole file at `path`.
    static func read(contentsOf path: String) throws -> [UInt8] {
        try withFile(at: path) { file in try file.read(0..<file.size, of: path) }
    }

    /// The bytes in `range`, which lies within `0..<size`; `path` names the file in diagnostics.
    func read(_ range: Range<Int>, of path: String) throws -> [UInt8] {
        try [UInt8](unsafeUninitializedCapacity: range.count) { buffer, initialized in
            initialized = 0
            guard let base = buffer.baseAddress else { return }
            while initialized < range.count {
                let count = pread(descriptor, base + initialized, range.count - initialized, off_t(range.lowerBound + initialized))
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else {
                    let reason = count == 0 ? "the file ended early (was it changed while being read?)" : Self.systemError()
                    throw Diagnostic("\(path): cannot read bytes \(range.lowerBound + initialized)..<\(range.upperBound): \(reason)")
                }
                initialized += count
            }
        }
    }

    /// The message for the current `errno`.
    private static func systemError() -> String { String(cString: strerror(errno)) }
}
