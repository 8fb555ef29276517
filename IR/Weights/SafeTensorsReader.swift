extension SafeTensors {
    /// Reads the safetensors file at `path`. Every problem (a missing, truncated, malformed or
    /// hostile file) is a thrown `Diagnostic` located at `path` that names the tensor concerned.
    public static func read(contentsOf path: String) throws -> WeightStore {
        try located(at: path) {
            try FileBytes.withFile(at: path) { file in try decode(file, source: path) }
        }
    }

    /// Decodes a safetensors file held in memory; `source` names it in diagnostics.
    public static func decode(_ bytes: [UInt8], source: String = "<memory>") throws -> WeightStore {
        try located(at: source) { try decode(MemoryBytes(storage: bytes), source: source) }
    }

    /// Validates sizes before reading anything they govern, then reads each tensor into its own
    /// storage (one copy per tensor, widening narrow element types where needed).
    private static func decode(_ file: some ByteSource, source: String) throws -> WeightStore {
        guard file.byteCount >= lengthFieldSize else {
            throw Diagnostic("the file is \(file.byteCount) bytes long, too short for the 8-byte header length that starts a safetensors file")
        }
        let lengthField = try file.bytes(in: 0..<lengthFieldSize)
        let headerLength = lengthField.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
        guard headerLength <= UInt64(maximumHeaderLength) else {
            throw Diagnostic("the header length \(headerLength) exceeds the limit of \(maximumHeaderLength) bytes")
        }
        let available = file.byteCount - lengthFieldSize
        guard headerLength <= UInt64(available) else {
            throw Diagnostic("the header length \(headerLength) runs past the end of the file (\(available) bytes follow the length field; is the file truncated?)")
        }
        let dataStart = lengthFieldSize + Int(headerLength)
        let header = try SafeTensorsHeader(json: try file.bytes(in: lengthFieldSize..<dataStart),
                                           dataSize: file.byteCount - dataStart)
        var tensors: [String: WeightTensor] = [:]
        tensors.reserveCapacity(header.entries.count)
        for entry in header.entries {
            let bytes = try file.bytes(in: (dataStart + entry.range.lowerBound)..<(dataStart + entry.range.upperBound))
            tensors[entry.name] = try entry.dtype.tensor(shape: entry.shape, bytes: bytes)
        }
        return WeightStore(tensors: tensors, metadata: header.metadata, source: source)
    }
}
