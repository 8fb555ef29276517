import CNNIR

/// Where a tensor's elements are when `data_location` is EXTERNAL: the `external_data` entries
/// `location` (a path relative to the model's folder), `offset` and `length` (decimal byte
/// counts), checked. Other keys (such as `checksum`) are ignored.
public struct ExternalDataReference: Sendable, Equatable {
    /// The side file, relative to the model's folder; never absolute and never containing `..`.
    public var location: String
    /// The byte offset of the first element in the side file.
    public var offset: Int
    /// The number of bytes, when the file gives it.
    public var length: Int?

    /// A reference to `length` bytes (or as many as the tensor needs) from `offset` of `location`.
    public init(location: String, offset: Int, length: Int?) {
        self.location = location
        self.offset = offset
        self.length = length
    }

    /// The reference `tensor.externalData` describes. Throws a `Diagnostic` when `location` is
    /// missing, absolute or leaves the model's folder, when a key is repeated, or when `offset`
    /// or `length` is not a decimal byte count.
    public init(_ tensor: TensorProto) throws {
        var values: [String: String] = [:]
        for entry in tensor.externalData {
            guard values.updateValue(entry.value, forKey: entry.key) == nil else {
                throw tensor.problem("gives the external_data key '\(entry.key)' more than once")
            }
        }
        guard let location = values["location"], !location.isEmpty else {
            throw tensor.problem("keeps its elements in an external file but external_data gives no location")
        }
        try Self.checkRelative(location, of: tensor)
        self.location = location
        self.offset = try Self.byteCount(values["offset"] ?? "0", key: "offset", of: tensor)
        self.length = try values["length"].map { try Self.byteCount($0, key: "length", of: tensor) }
    }

    /// Checks that `location` names a file inside the model's folder.
    private static func checkRelative(_ location: String, of tensor: TensorProto) throws {
        guard !location.contains("\0") else { throw tensor.problem("has an external data location with a NUL character") }
        guard location.first != "/" && location.first != "\\" else {
            throw tensor.problem("has the absolute external data location '\(location)'; it must be relative to the model's folder")
        }
        let components = location.split(whereSeparator: { $0 == "/" || $0 == "\\" })
        guard !components.contains("..") else {
            throw tensor.problem("has the external data location '\(location)', which leaves the model's folder")
        }
    }

    /// A non-negative decimal integer, digits only.
    private static func byteCount(_ text: String, key: String, of tensor: TensorProto) throws -> Int {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(text) else {
            throw tensor.problem("has the external data \(key) '\(text)', which is not a byte count")
        }
        return value
    }
}

extension TensorProto {
    /// This tensor with the elements it keeps in an external file read into `rawData` (and
    /// `dataLocation` set to `.default`); `directory` is the model's folder. Other tensors are
    /// returned unchanged. The bytes read are exactly the ones the tensor's type and dims need,
    /// checked against `length` and against the file's size before anything is allocated.
    public func loadingExternalData(relativeTo directory: String) throws -> TensorProto {
        guard dataLocation == .external else { return self }
        let reference = try ExternalDataReference(self)
        guard let encoding = TensorElementEncoding(dataType) else {
            throw problem("keeps \(dataType) elements in an external file; cnnc reads \(TensorElementEncoding.readableTypes)")
        }
        let (needed, overflow) = try elementCount().multipliedReportingOverflow(by: encoding.width)
        guard !overflow else { throw problem("has dims \(dims) that describe more bytes than cnnc can address") }
        if let length = reference.length, length != needed {
            throw problem("has dims \(dims) that need \(needed) bytes, but its external data length is \(length)")
        }
        let path = directory.isEmpty ? reference.location : "\(directory)/\(reference.location)"
        var loaded = self
        loaded.rawData = try BinaryFile.withFile(at: path) { file in
            guard reference.offset <= file.size, needed <= file.size - reference.offset else {
                throw problem("needs \(needed) bytes from byte \(reference.offset) of '\(reference.location)', which has \(file.size) bytes")
            }
            return try file.read(reference.offset..<(reference.offset + needed), of: path)
        }
        loaded.dataLocation = .default
        loaded.externalData = []
        return loaded
    }
}
