/// Why a file could not be read. `FileBytes` throws it, and turns it into a `Diagnostic` in the
/// words of the reader that opened the file (the safetensors reader, the ONNX reader), so that
/// each keeps the messages its users know.
public enum FileReadFailure: Error, Sendable, Equatable {
    /// The file could not be opened; `reason` is the system's message.
    case cannotOpen(reason: String)
    /// The file's size could not be read; `reason` is the system's message.
    case cannotReadSize(reason: String)
    /// The path names a directory, a device or another file that is not a regular file.
    case notRegularFile
    /// The bytes `range` (the part not read yet) could not be read: `reason` is the system's
    /// message, or says that the file ended early.
    case cannotReadBytes(Range<Int>, reason: String)

    /// Runs `body`, throwing a failure it throws as a `Diagnostic` (without a location) with
    /// the message `wording` gives it.
    public static func worded<Result>(_ wording: (FileReadFailure) -> String, _ body: () throws -> Result) throws -> Result {
        do {
            return try body()
        } catch let failure as FileReadFailure {
            throw Diagnostic(wording(failure))
        }
    }

    /// The safetensors reader's wording, which speaks of "the weights file" (the reader adds
    /// the file's location).
    var weightsFileMessage: String {
        switch self {
        case .cannotOpen(let reason): return "cannot open the weights file: \(reason)"
        case .cannotReadSize(let reason): return "cannot read the size of the weights file: \(reason)"
        case .notRegularFile: return "the weights file is not a regular file"
        case .cannotReadBytes(let range, let reason):
            return "cannot read bytes \(range.lowerBound)..<\(range.upperBound) of the weights file: \(reason)"
        }
    }
}
