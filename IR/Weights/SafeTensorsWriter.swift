extension SafeTensors {
    /// The file contents for `store`: deterministic (tensors sorted by name and laid out in that
    /// order, metadata first with sorted keys, compact JSON padded with spaces to a multiple of 8
    /// bytes so that the data buffer starts 8-byte aligned). Throws a `Diagnostic` when a tensor
    /// is named `__metadata__` or the header would exceed `maximumHeaderLength`.
    public static func encode(_ store: WeightStore) throws -> [UInt8] {
        let chunks = try chunks(of: store)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(chunks.reduce(0) { $0 + $1.count })
        for chunk in chunks { bytes.append(contentsOf: chunk) }
        return bytes
    }

    /// Writes `store` to `path` atomically (a temporary file in the same directory, renamed over
    /// `path` once complete). Errors are `Diagnostic`s located at `path`.
    public static func write(_ store: WeightStore, to path: String) throws {
        try located(at: path) { try AtomicFileWriter.store(try chunks(of: store), at: path) }
    }

    /// The length field with the header, then each tensor's bytes in name order.
    private static func chunks(of store: WeightStore) throws -> [[UInt8]] {
        if store.tensors[SafeTensorsHeader.metadataKey] != nil {
            throw Diagnostic("a tensor cannot be named \(SafeTensorsHeader.metadataKey): the format reserves that key for metadata")
        }
        var members: [String] = []
        if !store.metadata.isEmpty {
            let entries = store.metadata.sorted { $0.key < $1.key }.map { "\(jsonString($0.key)):\(jsonString($0.value))" }
            members.append("\(jsonString(SafeTensorsHeader.metadataKey)):{\(entries.joined(separator: ","))}")
        }
        var chunks: [[UInt8]] = [[]]
        var offset = 0
        for (name, tensor) in store.tensors.sorted(by: { $0.key < $1.key }) {
            let end = offset + tensor.bytes.count
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            members.append("\(jsonString(name)):{\"dtype\":\"\(SafeTensorsDType(tensor.dtype).rawValue)\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(end)]}")
            chunks.append(tensor.bytes)
            offset = end
        }
        var headerBytes = Array(("{" + members.joined(separator: ",") + "}").utf8)
        let padding = (8 - headerBytes.count % 8) % 8
        headerBytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: padding))
        guard headerBytes.count <= maximumHeaderLength else {
            throw Diagnostic("the header for \(store.tensors.count) tensors would take \(headerBytes.count) bytes, more than the \(maximumHeaderLength) a reader accepts")
        }
        let length = UInt64(headerBytes.count).littleEndian
        chunks[0] = withUnsafeBytes(of: length) { Array($0) } + headerBytes
        return chunks
    }

    /// `text` as a JSON string literal: quotes, backslashes and control characters escaped,
    /// everything else written as UTF-8.
    static func jsonString(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
