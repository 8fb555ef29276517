/// A malformed encoding found while reading one value. The reader turns it into a `Diagnostic`
/// that names the file, the message, the field and the byte offset.
struct WireFault: Error {
    /// What is wrong, without the location (for example "the varint runs past the end of the message").
    let message: String

    /// Creates a fault.
    init(_ message: String) { self.message = message }
}
