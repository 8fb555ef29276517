/// Where a decoded message came from: the file, the chain of fields that leads to it from the
/// outermost message, and the byte offset of its first byte.
public struct ProtobufOrigin: Sendable, Hashable, CustomStringConvertible {
    /// The file name as given to the reader.
    public let file: String
    /// The fields that lead to the message, outermost first (`ModelProto.graph`, `GraphProto.initializer[2]`).
    public let path: [String]
    /// The byte offset of the message's first byte in the file.
    public let offset: Int

    /// Creates an origin.
    public init(file: String, path: [String], offset: Int) {
        self.file = file
        self.path = path
        self.offset = offset
    }

    /// `model.onnx: ModelProto.graph > GraphProto.initializer[2] at byte 1234`.
    public var description: String {
        let trail = path.isEmpty ? "the outermost message" : path.joined(separator: " > ")
        return "\(file): \(trail) at byte \(offset)"
    }
}

/// A value that takes no part in the equality of the type holding it (used for origins: two
/// messages that differ only in where they were decoded from are equal, like IR nodes that differ
/// only in their source locations).
struct IgnoredInEquality<Value: Sendable>: Sendable, Equatable {
    /// The value.
    var value: Value

    static func == (lhs: Self, rhs: Self) -> Bool { true }
}
