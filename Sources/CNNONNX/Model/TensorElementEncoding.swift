/// How the elements of one ONNX data type are stored: their width in `raw_data`, the typed field
/// that holds them otherwise, and how an element's bits are read as a number.
struct TensorElementEncoding: Sendable {
    /// How an element's bits are interpreted.
    enum Kind: Sendable {
        /// IEEE binary16 (FLOAT16).
        case binary16
        /// The upper 16 bits of an IEEE binary32 (BFLOAT16).
        case bfloat16
        /// IEEE binary32 (FLOAT).
        case binary32
        /// IEEE binary64 (DOUBLE).
        case binary64
        /// A two's-complement integer of the element's width.
        case signed
        /// An unsigned integer of the element's width.
        case unsigned
        /// A byte that is false when zero and true (1) otherwise (BOOL).
        case boolean
    }

    /// Bytes per element in `raw_data` (and the bits that count in a typed field's value).
    let width: Int
    /// The onnx.proto name of the typed field that holds the elements when `raw_data` does not.
    let typedField: String
    /// How the bits are read.
    let kind: Kind

    /// The encoding of `dataType`, or nil when cnnc cannot read it as numbers (STRING, complex and
    /// 8-, 6-, 4- and 2-bit types).
    init?(_ dataType: TensorProto.DataType) {
        switch dataType {
        case .float: self.init(width: 4, typedField: "float_data", kind: .binary32)
        case .double: self.init(width: 8, typedField: "double_data", kind: .binary64)
        case .float16: self.init(width: 2, typedField: "int32_data", kind: .binary16)
        case .bfloat16: self.init(width: 2, typedField: "int32_data", kind: .bfloat16)
        case .int64: self.init(width: 8, typedField: "int64_data", kind: .signed)
        case .int32: self.init(width: 4, typedField: "int32_data", kind: .signed)
        case .int16: self.init(width: 2, typedField: "int32_data", kind: .signed)
        case .int8: self.init(width: 1, typedField: "int32_data", kind: .signed)
        case .uint8: self.init(width: 1, typedField: "int32_data", kind: .unsigned)
        case .uint16: self.init(width: 2, typedField: "int32_data", kind: .unsigned)
        case .bool: self.init(width: 1, typedField: "int32_data", kind: .boolean)
        case .uint32: self.init(width: 4, typedField: "uint64_data", kind: .unsigned)
        case .uint64: self.init(width: 8, typedField: "uint64_data", kind: .unsigned)
        default: return nil
        }
    }

    private init(width: Int, typedField: String, kind: Kind) {
        self.width = width
        self.typedField = typedField
        self.kind = kind
    }

    /// The data types `init?` accepts, for messages.
    static let readableTypes = "FLOAT, DOUBLE, FLOAT16, BFLOAT16, INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64 and BOOL"

    /// Whether the elements are integers (or booleans).
    var isInteger: Bool { kind == .signed || kind == .unsigned || kind == .boolean }

    /// The low `width` bytes of `bits`, the rest cleared.
    private func masked(_ bits: UInt64) -> UInt64 {
        width == 8 ? bits : bits & (1 << UInt64(8 * width) - 1)
    }

    /// `value` (the low `width` bytes of an element) as a two's-complement integer of that width.
    private func signExtended(_ value: UInt64) -> Int64 {
        let unused = UInt64(64 - 8 * width)
        return Int64(bitPattern: value << unused) >> Int64(unused)
    }

    /// The integer value of an integer or boolean element; nil for floating-point kinds and for
    /// unsigned values above `Int64.max`.
    func integer(_ bits: UInt64) -> Int64? {
        let value = masked(bits)
        switch kind {
        case .signed: return signExtended(value)
        case .unsigned: return Int64(exactly: value)
        case .boolean: return value == 0 ? 0 : 1
        case .binary16, .bfloat16, .binary32, .binary64: return nil
        }
    }

    /// The element as a double (exact for every kind but 64-bit integers beyond 2^53, which round).
    func double(_ bits: UInt64) -> Double {
        let value = masked(bits)
        switch kind {
        case .binary64: return Double(bitPattern: value)
        case .unsigned: return Double(value)
        case .binary16, .bfloat16, .binary32: return Double(float(value))
        case .signed: return Double(signExtended(value))
        case .boolean: return value == 0 ? 0 : 1
        }
    }

    /// The element as a float (rounded to nearest for DOUBLE and wide integers).
    func float(_ bits: UInt64) -> Float {
        let value = masked(bits)
        switch kind {
        case .binary32: return Float(bitPattern: UInt32(truncatingIfNeeded: value))
        case .bfloat16: return Float(bitPattern: UInt32(truncatingIfNeeded: value) << 16)
        case .binary16: return Self.halfToFloat(UInt16(truncatingIfNeeded: value))
        case .binary64: return Float(Double(bitPattern: value))
        case .unsigned: return Float(value)
        case .signed: return Float(signExtended(value))
        case .boolean: return value == 0 ? 0 : 1
        }
    }

    /// An IEEE binary16 value widened exactly to binary32 (subnormals, infinities and NaN included).
    static func halfToFloat(_ bits: UInt16) -> Float {
        let sign: UInt32 = UInt32(bits & 0x8000) << 16
        let exponent = UInt32(bits >> 10 & 0x1F)
        let mantissa = UInt32(bits & 0x3FF)
        switch exponent {
        case 0:
            let magnitude = Float(mantissa) * 0x1p-24
            return sign == 0 ? magnitude : -magnitude
        case 0x1F:
            return Float(bitPattern: sign | 0x7F80_0000 | mantissa << 13)
        default:
            return Float(bitPattern: sign | (exponent + 112) << 23 | mantissa << 13)
        }
    }

    /// The bits of element `index` of `raw`, which holds at least `index + 1` elements.
    func bits(_ raw: UnsafeRawBufferPointer, at index: Int) -> UInt64 {
        let offset = index * width
        switch width {
        case 1: return UInt64(raw[offset])
        case 2: return UInt64(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt16.self)))
        case 4: return UInt64(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
        default: return UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        }
    }
}
