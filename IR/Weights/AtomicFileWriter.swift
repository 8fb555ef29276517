#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file so that readers see either the old file or the complete new one, never a
/// partial write: the bytes go to a new temporary file in the same directory, which is flushed
/// to disk and then renamed over the destination.
enum AtomicFileWriter {
    /// Writes the concatenation of `chunks` to `path`. Throws a `Diagnostic` (without a location)
    /// naming the system error; the temporary file is removed on failure.
    static func store(_ chunks: [[UInt8]], at path: String) throws {
        let temporaryPath = temporaryPath(for: path)
        let descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            throw Diagnostic("cannot create a temporary file beside the weights file: \(FileBytes.systemErrorMessage())")
        }
        do {
            for chunk in chunks { try writeAll(chunk, to: descriptor) }
            guard fsync(descriptor) == 0 else { throw Diagnostic("cannot flush the weights file: \(FileBytes.systemErrorMessage())") }
        } catch {
            close(descriptor)
            unlink(temporaryPath)
            throw error
        }
        guard close(descriptor) == 0 else {
            let message = FileBytes.systemErrorMessage()
            unlink(temporaryPath)
            throw Diagnostic("cannot close the weights file: \(message)")
        }
        guard rename(temporaryPath, path) == 0 else {
            let message = FileBytes.systemErrorMessage()
            unlink(temporaryPath)
            throw Diagnostic("cannot replace the weights file: \(message)")
        }
    }

    /// A fresh hidden name in the directory of `path`.
    private static func temporaryPath(for path: String) -> String {
        let directory: Substring
        let name: Substring
        if let slash = path.lastIndex(of: "/") {
            directory = path[...slash]
            name = path[path.index(after: slash)...]
        } else {
            directory = ""
            name = Substring(path)
        }
        let unique = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        return "\(directory).\(name).\(getpid()).\(unique).tmp"
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) throws {
        try bytes.withUnsafeBytes { buffer in
            var written = 0
            while written < buffer.count {
                guard let base = buffer.baseAddress else { return }
                let count = write(descriptor, base + written, buffer.count - written)
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { throw Diagnostic("cannot write the weights file: \(FileBytes.systemErrorMessage())") }
                written += count
            }
        }
    }
}
