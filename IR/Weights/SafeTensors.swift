/// The Hugging Face safetensors format, which cnnc uses for the parameters of a model.
///
/// A file is an 8-byte little-endian header length `N`, then `N` bytes of UTF-8 JSON (padded
/// with spaces), then the data buffer:
///
/// ```
/// {"__metadata__": {"key": "value"},
///  "c1.w": {"dtype": "F32", "shape": [6,1,5,5], "data_offsets": [0, 600]}, ...}
/// ```
///
/// Offsets are relative to the start of the data buffer; the tensors tile it exactly. Reading
/// validates everything before it allocates (see `SafeTensorsHeader` and docs/WEIGHTS.md) and
/// reports every problem as a `Diagnostic` located at the file; writing is deterministic and atomic.
public enum SafeTensors {
    /// The largest header cnnc reads, in bytes (the limit the reference implementation uses).
    public static let maximumHeaderLength = 100_000_000

    /// The size of the header-length field at the start of the file.
    static let lengthFieldSize = 8

    /// Runs `body`, locating any `Diagnostic` it throws at `source` (line 1, column 1).
    static func located<Result>(at source: String, _ body: () throws -> Result) throws -> Result {
        do {
            return try body()
        } catch let diagnostic as Diagnostic {
            throw diagnostic.attributed(to: SourceLocation(file: source, line: 1, column: 1), node: nil, op: nil)
        }
    }
}
