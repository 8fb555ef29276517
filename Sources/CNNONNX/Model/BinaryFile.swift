import CNNIR

/// A file of an ONNX model (the model itself or a tensor's external data), read with cnnc's
/// `FileBytes` so that sizes can be checked against the file before anything is allocated.
/// Every diagnostic starts with the file's path.
struct BinaryFile {
    /// The open file.
    private let file: FileBytes

    /// The file's size in bytes.
    var size: Int { file.byteCount }

    /// Opens `path`, passes the open file to `body` and closes it again. Throws a `Diagnostic`
    /// naming `path` when it cannot be opened, is not a regular file, or a read fails.
    static func withFile<Result>(at path: String, _ body: (BinaryFile) throws -> Result) throws -> Result {
        try FileBytes.withFile(at: path, wording: { message($0, path: path) }) { file in try body(BinaryFile(file: file)) }
    }

    /// The whole file at `path`.
    static func read(contentsOf path: String) throws -> [UInt8] {
        try withFile(at: path) { file in try file.read(0..<file.size, of: path) }
    }

    /// The bytes in `range`, which lies within `0..<size`; `path` names the file in diagnostics.
    func read(_ range: Range<Int>, of path: String) throws -> [UInt8] {
        try FileReadFailure.worded({ Self.message($0, path: path) }) { try file.bytes(in: range) }
    }

    /// The diagnostic message for `failure` of the file at `path`.
    private static func message(_ failure: FileReadFailure, path: String) -> String {
        switch failure {
        case .cannotOpen(let reason): return "\(path): cannot open the file: \(reason)"
        case .cannotReadSize(let reason): return "\(path): cannot read the file's size: \(reason)"
        case .notRegularFile: return "\(path): not a regular file"
        case .cannotReadBytes(let range, let reason):
            return "\(path): cannot read bytes \(range.lowerBound)..<\(range.upperBound): \(reason)"
        }
    }
}
