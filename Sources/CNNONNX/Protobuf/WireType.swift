/// The wire types of the protobuf binary format: how the bytes of one field are laid out.
public enum WireType: UInt8, Sendable, CustomStringConvertible {
    /// A base-128 varint (int32, int64, uint64, bool, enum; sint via zigzag).
    case varint = 0
    /// Eight little-endian bytes (fixed64, sfixed64, double).
    case fixed64 = 1
    /// A varint length followed by that many bytes (string, bytes, messages, packed repeated fields).
    case lengthDelimited = 2
    /// A deprecated group start.
    case startGroup = 3
    /// A deprecated group end.
    case endGroup = 4
    /// Four little-endian bytes (fixed32, sfixed32, float).
    case fixed32 = 5

    /// The name used in diagnostics (`varint`, `fixed64`, `length-delimited`, ...).
    public var description: String {
        switch self {
        case .varint: "varint"
        case .fixed64: "fixed64"
        case .lengthDelimited: "length-delimited"
        case .startGroup: "start-group"
        case .endGroup: "end-group"
        case .fixed32: "fixed32"
        }
    }
}
