extension TensorProto {
    /// The tensor's protobuf encoding, as ONNX tools write a `.pb` tensor file. Fields at their
    /// default are left out; repeated numbers are packed. `origin` is not part of the encoding.
    public func serialized() -> [UInt8] {
        var writer = ProtobufWriter()
        writer.writePackedField(1, dims) { $0.writeVarint(UInt64(bitPattern: $1)) }
        if dataType != .undefined { writer.writeVarintField(2, UInt64(bitPattern: Int64(dataType.rawValue))) }
        if let segment {
            writer.writeMessageField(3) { nested in
                nested.writeVarintField(1, UInt64(bitPattern: segment.begin))
                nested.writeVarintField(2, UInt64(bitPattern: segment.end))
            }
        }
        writer.writePackedField(4, floatData) { $0.writeLittleEndian($1.bitPattern) }
        writer.writePackedField(5, int32Data) { $0.writeVarint(UInt64(bitPattern: Int64($1))) }
        for element in stringData { writer.writeLengthDelimitedField(6, element) }
        writer.writePackedField(7, int64Data) { $0.writeVarint(UInt64(bitPattern: $1)) }
        if !name.isEmpty { writer.writeLengthDelimitedField(8, Array(name.utf8)) }
        if !rawData.isEmpty { writer.writeLengthDelimitedField(9, rawData) }
        writer.writePackedField(10, doubleData) { $0.writeLittleEndian($1.bitPattern) }
        writer.writePackedField(11, uint64Data) { $0.writeVarint($1) }
        for entry in externalData {
            writer.writeMessageField(13) { nested in
                nested.writeLengthDelimitedField(1, Array(entry.key.utf8))
                nested.writeLengthDelimitedField(2, Array(entry.value.utf8))
            }
        }
        if dataLocation != .default { writer.writeVarintField(14, UInt64(dataLocation.rawValue)) }
        return writer.bytes
    }
}
