import CNNIR

extension TensorProto {
    /// The number of elements `dims` describe (1 for a scalar). Throws a `Diagnostic` for a
    /// negative size or a product that overflows.
    public func elementCount() throws -> Int {
        if let negative = dims.first(where: { $0 < 0 }) { throw problem("dims \(dims) contain the negative size \(negative)") }
        if dims.contains(0) { return 0 }
        var count = 1
        for size in dims {
            let (product, overflow) = count.multipliedReportingOverflow(by: Int(exactly: size) ?? Int.max)
            guard !overflow else { throw problem("dims \(dims) describe more elements than cnnc can address") }
            count = product
        }
        return count
    }

    /// The elements in row-major order as floats, from any element type cnnc reads (DOUBLE and
    /// wide integers round to nearest).
    public func floats() throws -> [Float] {
        try elements(native: .float, typed: floatData) { encoding, bits in encoding.float(bits) }
    }

    /// The elements in row-major order as doubles, from any element type cnnc reads (exact except
    /// for 64-bit integers beyond 2^53).
    public func doubles() throws -> [Double] {
        try elements(native: .double, typed: doubleData) { encoding, bits in encoding.double(bits) }
    }

    /// The elements in row-major order as 64-bit integers; the element type must be an integer
    /// type or BOOL (false 0, true 1), and UINT64 elements must fit.
    public func int64s() throws -> [Int64] {
        try elements(native: .int64, typed: int64Data) { encoding, bits in
            guard encoding.isInteger else { throw problem("has \(dataType) elements, but integers are needed here") }
            guard let value = encoding.integer(bits) else {
                throw problem("has the \(dataType) element \(bits), which is larger than the int64 maximum")
            }
            return value
        }
    }

    /// A diagnostic about this tensor, located where it was decoded.
    func problem(_ message: String) -> Diagnostic {
        let place = origin.map { "\($0): " } ?? ""
        return Diagnostic("\(place)tensor '\(name)' \(message)")
    }

    /// The elements converted by `convert`, after every check. When the data type is `native`,
    /// the elements are the typed field or the raw bytes as they are.
    private func elements<Element>(native: DataType, typed: [Element],
                                   _ convert: (TensorElementEncoding, UInt64) throws -> Element) throws -> [Element] {
        let (encoding, count, inRawData) = try checkedLayout()
        if !inRawData {
            if dataType == native { return typed }
            return try typedBits(count: count).map { try convert(encoding, $0) }
        }
        if dataType == native {
            return [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
                rawData.withUnsafeBytes { UnsafeMutableRawBufferPointer(buffer).copyMemory(from: $0) }
                initialized = count
            }
        }
        return try rawData.withUnsafeBytes { raw in
            try (0..<count).map { try convert(encoding, encoding.bits(raw, at: $0)) }
        }
    }

    /// The bit patterns of the elements in the typed field (empty when there are none).
    private func typedBits(count: Int) -> [UInt64] {
        if !floatData.isEmpty { return floatData.map { UInt64($0.bitPattern) } }
        if !int32Data.isEmpty { return int32Data.map { UInt64(UInt32(bitPattern: $0)) } }
        if !int64Data.isEmpty { return int64Data.map { UInt64(bitPattern: $0) } }
        if !doubleData.isEmpty { return doubleData.map { $0.bitPattern } }
        return uint64Data
    }

    /// Checks that the tensor's elements are in memory, of a type cnnc reads, in exactly one
    /// field, and as many as `dims` describe; returns the encoding, the count and whether they
    /// are in `raw_data`.
    private func checkedLayout() throws -> (TensorElementEncoding, count: Int, inRawData: Bool) {
        guard dataLocation == .default else {
            let location = externalData.last { $0.key == "location" }?.value ?? "?"
            throw problem("keeps its elements in the external file '\(location)', which was not loaded (ONNXModelReader.read(contentsOf:) loads it)")
        }
        if let segment {
            throw problem("is a segment (elements \(segment.begin)..<\(segment.end)) of a larger tensor, which cnnc does not read")
        }
        guard let encoding = TensorElementEncoding(dataType) else {
            throw problem("has element type \(dataType); cnnc reads \(TensorElementEncoding.readableTypes)")
        }
        let count = try elementCount()
        let fields = [("raw_data", rawData.count), ("float_data", floatData.count), ("int32_data", int32Data.count),
                      ("string_data", stringData.count), ("int64_data", int64Data.count),
                      ("double_data", doubleData.count), ("uint64_data", uint64Data.count)].filter { $0.1 > 0 }
        guard fields.count <= 1 else {
            throw problem("has elements in both \(fields[0].0) and \(fields[1].0); a tensor keeps them in one field")
        }
        guard let (field, held) = fields.first else {
            guard count == 0 else { throw problem("has dims \(dims) (\(count) elements) but holds no data") }
            return (encoding, 0, false)
        }
        if field == "raw_data" {
            let (needed, overflow) = count.multipliedReportingOverflow(by: encoding.width)
            guard !overflow, needed == held else {
                throw problem("has dims \(dims): \(count) \(dataType) elements need \(overflow ? "more" : "\(needed)") bytes, but raw_data holds \(held)")
            }
            return (encoding, count, true)
        }
        guard field == encoding.typedField else {
            throw problem("keeps \(dataType) elements in \(field); they belong in raw_data or \(encoding.typedField)")
        }
        guard held == count else {
            throw problem("has dims \(dims) (\(count) elements), but \(field) holds \(held)")
        }
        return (encoding, count, false)
    }
}
