/// A protobuf message cnnc decodes: a value with a default (`init()`) that takes its fields one
/// at a time, in the order they appear on the wire.
///
/// `decode(_:from:)` switches on `field.number` and reads the field with the reader
/// (`try reader.read(.string, field, "name")`), or skips it (`try reader.skip(field)`).
/// A singular field that appears more than once keeps its last value (protobuf would merge two
/// occurrences of a singular message; serializers never write them).
public protocol ProtobufMessage: Sendable {
    /// The message's name in its `.proto` definition (`TensorProto`), for diagnostics.
    static var protobufName: String { get }
    /// The message with every field at its default.
    init()
    /// Reads (or skips) one field, whose tag the reader has just read.
    mutating func decode(_ field: ProtobufField, from reader: inout ProtobufReader) throws
    /// Called before the fields are read, with where the message begins; the default ignores it.
    mutating func decoded(at origin: ProtobufOrigin)
}

extension ProtobufMessage {
    public mutating func decoded(at origin: ProtobufOrigin) {}

    /// Reads every field up to the end of the reader's message.
    static func decodeFields(from reader: inout ProtobufReader) throws -> Self {
        var message = Self()
        message.decoded(at: reader.origin)
        while let field = try reader.nextField() {
            try message.decode(field, from: &reader)
        }
        return message
    }
}
