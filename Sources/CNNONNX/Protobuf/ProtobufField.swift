/// One field of a protobuf message as it appears on the wire: its number, how its value is
/// encoded, and where its tag begins in the file (for diagnostics).
public struct ProtobufField: Sendable, Equatable {
    /// The field number from the message definition (1 ... 2^29 - 1).
    public let number: Int
    /// How the value that follows the tag is encoded.
    public let wireType: WireType
    /// The byte offset of the field's tag from the start of the file.
    public let offset: Int
}
