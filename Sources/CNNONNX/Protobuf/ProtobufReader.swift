import CNNIR

/// A cursor over the bytes of one protobuf message, as decoders of `ProtobufMessage` types see it.
///
/// Every length is checked against the bytes left in the enclosing message before anything is
/// sliced or allocated, so a hostile length can never make the reader read past its message or
/// reserve memory the file does not back. Every problem is a thrown `Diagnostic` of the form
/// `model.onnx: ModelProto.graph > GraphProto.initializer[2] > TensorProto.raw_data (field 9) at byte 1234: length 4294967295 exceeds the 812 bytes left`.
public struct ProtobufReader: Sendable {
    /// The deepest nesting of messages (and groups being skipped) the reader accepts.
    public static let maximumDepth = 100

    /// The whole file; readers of nested messages share it without copying.
    private let buffer: [UInt8]
    /// The offset of the next byte to read.
    public private(set) var position: Int
    /// The offset just past the last byte of the message.
    public let end: Int
    /// The file name, for diagnostics.
    let file: String
    /// The fields that lead to this message from the outermost one (`ModelProto.graph`, ...).
    let path: [String]
    /// The protobuf name of the message being decoded (`TensorProto`).
    let messageName: String
    /// The field being read, as `(name, index)`, to name it in diagnostics and nested paths.
    private var currentField: (name: String?, index: Int?) = (nil, nil)

    /// A reader over `range` of `buffer`, which holds a `messageName` message.
    init(buffer: [UInt8], range: Range<Int>, file: String, path: [String], messageName: String) {
        self.buffer = buffer
        self.position = range.lowerBound
        self.end = range.upperBound
        self.file = file
        self.path = path
        self.messageName = messageName
    }

    /// Decodes all of `bytes` as one `Message`; `file` names the bytes in diagnostics.
    public static func decode<Message: ProtobufMessage>(_ type: Message.Type, from bytes: [UInt8], file: String) throws -> Message {
        var reader = ProtobufReader(buffer: bytes, range: 0..<bytes.count, file: file, path: [], messageName: Message.protobufName)
        return try Message.decodeFields(from: &reader)
    }

    // MARK: Fields

    /// Reads a singular field whose value is of `kind`; `name` is its name in the message definition.
    public mutating func read<Value>(_ kind: ProtobufValue<Value>, _ field: ProtobufField, _ name: String) throws -> Value {
        try reading(field, name: name, index: nil) { reader in
            guard field.wireType == kind.wireType else { throw reader.wireTypeMismatch(field, kind, repeated: false) }
            return try kind.read(&reader)
        }
    }

    /// Reads one occurrence of a repeated field and appends its elements to `values`. A scalar
    /// field may come packed (one length-delimited run) or unpacked (one element per occurrence);
    /// both are accepted, as protobuf requires.
    public mutating func append<Value>(_ kind: ProtobufValue<Value>, _ field: ProtobufField, _ name: String,
                                       to values: inout [Value]) throws {
        try reading(field, name: name, index: values.count) { reader in
            if field.wireType == kind.wireType {
                values.append(try kind.read(&reader))
                return
            }
            guard field.wireType == .lengthDelimited, let elementSize = kind.packedElementSize else {
                throw reader.wireTypeMismatch(field, kind, repeated: true)
            }
            let range = try reader.readLengthDelimited()
            if kind.wireType != .varint, range.count % elementSize != 0 {
                throw WireFault("the packed run of \(range.count) bytes is not a whole number of \(elementSize)-byte \(kind.typeName) elements")
            }
            // At most one element per `elementSize` bytes present; reserving only for the first
            // run keeps many small runs from reallocating again and again.
            if values.isEmpty { values.reserveCapacity(range.count / elementSize) }
            var packed = reader.restricted(to: range)
            while packed.position < packed.end { values.append(try kind.read(&packed)) }
        }
    }

    /// Skips a field the message does not decode, whatever its wire type (groups included).
    public mutating func skip(_ field: ProtobufField) throws {
        try reading(field, name: nil, index: nil) { reader in
            try reader.skipValue(number: field.number, wireType: field.wireType)
        }
    }

    /// The next field's tag, or nil at the end of the message.
    mutating func nextField() throws -> ProtobufField? {
        guard position < end else { return nil }
        let offset = position
        do {
            let (number, wireType) = try readTag()
            if wireType == .endGroup { throw WireFault("an end-group tag for field \(number) closes no group") }
            return ProtobufField(number: number, wireType: wireType, offset: offset)
        } catch let fault as WireFault {
            throw diagnostic(subject: messageName, offset: offset, fault.message)
        }
    }

    /// Where the message being read begins, for messages that keep it.
    var origin: ProtobufOrigin { ProtobufOrigin(file: file, path: path, offset: position) }

    /// Reads a nested message of type `Message` (its length, then its fields).
    mutating func readMessage<Message: ProtobufMessage>(_ type: Message.Type) throws -> Message {
        let range = try readLengthDelimited()
        guard path.count + 1 < Self.maximumDepth else {
            throw WireFault("messages nest more than \(Self.maximumDepth) levels deep")
        }
        var nested = ProtobufReader(buffer: buffer, range: range, file: file, path: path + [currentLabel],
                                    messageName: Message.protobufName)
        return try Message.decodeFields(from: &nested)
    }

    /// Runs `body` to read `field`, turning a wire fault into a diagnostic that names the field.
    private mutating func reading<Result>(_ field: ProtobufField, name: String?, index: Int?,
                                          _ body: (inout ProtobufReader) throws -> Result) throws -> Result {
        currentField = (name, index)
        do {
            return try body(&self)
        } catch let fault as WireFault {
            let subject = name == nil ? "\(messageName) field \(field.number) (skipped, \(field.wireType))" : "\(currentLabel) (field \(field.number))"
            throw diagnostic(subject: subject, offset: field.offset, fault.message)
        }
    }

    /// `TensorProto.dims` or `GraphProto.node[3]`: the field being read.
    private var currentLabel: String {
        let index = currentField.index.map { "[\($0)]" } ?? ""
        return "\(messageName).\(currentField.name ?? "?")\(index)"
    }

    /// The fault for a field whose wire type does not fit its declared type.
    private func wireTypeMismatch<Value>(_ field: ProtobufField, _ kind: ProtobufValue<Value>, repeated: Bool) -> WireFault {
        let packed = repeated && kind.packedElementSize != nil ? ", or length-delimited when packed" : ""
        return WireFault("wire type \(field.wireType) does not fit the field's type \(kind.typeName) (\(kind.wireType)\(packed))")
    }

    /// A diagnostic located at `offset` in the file, after the path to this message.
    func diagnostic(subject: String, offset: Int, _ message: String) -> Diagnostic {
        Diagnostic("\(file): \((path + [subject]).joined(separator: " > ")) at byte \(offset): \(message)")
    }

    // MARK: Wire primitives

    /// A reader of the same message limited to `range` (a packed run).
    private func restricted(to range: Range<Int>) -> ProtobufReader {
        ProtobufReader(buffer: buffer, range: range, file: file, path: path, messageName: messageName)
    }

    /// The next byte.
    private mutating func readByte() throws -> UInt8 {
        guard position < end else { throw WireFault("the message ends in the middle of a varint") }
        defer { position += 1 }
        return buffer[position]
    }

    /// A base-128 varint of at most 10 bytes whose value fits in 64 bits.
    mutating func readVarint() throws -> UInt64 {
        var result: UInt64 = 0
        for shift in stride(from: 0, to: 63, by: 7) {
            let byte = try readByte()
            result |= UInt64(byte & 0x7F) << UInt64(shift)
            if byte & 0x80 == 0 { return result }
        }
        let last = try readByte()
        guard last & 0x80 == 0 else { throw WireFault("the varint is longer than 10 bytes") }
        guard last <= 1 else { throw WireFault("the varint overflows 64 bits") }
        return result | UInt64(last) << 63
    }

    /// A little-endian fixed-width value (fixed32 or fixed64).
    mutating func readLittleEndian<Integer: FixedWidthInteger>(_ type: Integer.Type) throws -> Integer {
        let size = MemoryLayout<Integer>.size
        guard end - position >= size else {
            throw WireFault("a \(size)-byte value needs \(size) bytes, but only \(end - position) are left")
        }
        let value = buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: position, as: Integer.self) }
        position += size
        return Integer(littleEndian: value)
    }

    /// A varint length and the range of that many bytes after it, checked against the bytes
    /// left in the message before anything is sliced.
    mutating func readLengthDelimited() throws -> Range<Int> {
        let length = try readVarint()
        let left = end - position
        guard length <= UInt64(left) else { throw WireFault("length \(length) exceeds the \(left) bytes left") }
        let start = position
        position += Int(length)
        return start..<position
    }

    /// A copy of the bytes in `range` (a range returned by `readLengthDelimited`).
    func bytes(in range: Range<Int>) -> [UInt8] { Array(buffer[range]) }

    /// The bytes in `range` as a string; they must be valid UTF-8.
    func string(in range: Range<Int>) throws -> String {
        guard let text = String(validating: buffer[range], as: UTF8.self) else {
            throw WireFault("the \(range.count)-byte string is not valid UTF-8")
        }
        return text
    }

    /// A tag: a field number (at least 1) and a wire type protobuf defines.
    private mutating func readTag() throws -> (number: Int, wireType: WireType) {
        let tag = try readVarint()
        guard tag <= UInt64(UInt32.max) else { throw WireFault("the tag \(tag) does not fit in 32 bits") }
        guard let wireType = WireType(rawValue: UInt8(tag & 7)) else {
            throw WireFault("the tag \(tag) has wire type \(tag & 7), which protobuf does not define")
        }
        guard tag >> 3 != 0 else { throw WireFault("the tag \(tag) has field number 0, which protobuf does not allow") }
        return (Int(tag >> 3), wireType)
    }

    /// Skips the value of a field of `wireType` whose tag was just read.
    private mutating func skipValue(number: Int, wireType: WireType) throws {
        switch wireType {
        case .varint: _ = try readVarint()
        case .fixed64: _ = try readLittleEndian(UInt64.self)
        case .fixed32: _ = try readLittleEndian(UInt32.self)
        case .lengthDelimited: _ = try readLengthDelimited()
        case .startGroup: try skipGroup(number: number)
        case .endGroup: throw WireFault("an end-group tag for field \(number) closes no group")
        }
    }

    /// Skips everything up to the end-group tag that closes the group of field `number`, with
    /// the groups nested inside it bounded by `maximumDepth`.
    private mutating func skipGroup(number: Int) throws {
        var open = [number]
        while let innermost = open.last {
            guard position < end else { throw WireFault("the group of field \(innermost) is not closed before the message ends") }
            let (inner, wireType) = try readTag()
            switch wireType {
            case .startGroup:
                guard path.count + open.count + 1 < Self.maximumDepth else {
                    throw WireFault("groups nest more than \(Self.maximumDepth) levels deep")
                }
                open.append(inner)
            case .endGroup:
                guard inner == innermost else {
                    throw WireFault("an end-group tag for field \(inner) closes the group of field \(innermost)")
                }
                open.removeLast()
            default:
                try skipValue(number: inner, wireType: wireType)
            }
        }
    }
}
