/// An element type as a safetensors header names it (`"F32"`), and how cnnc reads it.
///
/// `F32`, `F64`, `I64` and `BOOL` are cnnc's own types and are read as they are (a `BOOL` byte
/// other than 0 reads as true). Narrower types are widened where the conversion is exact: `F16`
/// and `BF16` to f32; `I8`, `I16`, `I32`, `U8`, `U16` and `U32` to i64. Every other type (`U64`,
/// the 8-bit floats, …) is rejected. cnnc writes only `F32`, `F64`, `I64` and `BOOL`.
enum SafeTensorsDType: String, CaseIterable {
    case F32, F64, I64, BOOL, F16, BF16, I8, I16, I32, U8, U16, U32

    /// The header name cnnc writes for one of its own types.
    init(_ dtype: DType) {
        switch dtype {
        case .f32: self = .F32
        case .f64: self = .F64
        case .i64: self = .I64
        case .bool: self = .BOOL
        }
    }

    /// The size of one stored element in bytes.
    var elementSize: Int {
        switch self {
        case .BOOL, .I8, .U8: return 1
        case .F16, .BF16, .I16, .U16: return 2
        case .F32, .I32, .U32: return 4
        case .F64, .I64: return 8
        }
    }

    /// The cnnc element type the stored elements are read as.
    var target: DType {
        switch self {
        case .F32, .F16, .BF16: return .f32
        case .F64: return .f64
        case .I64, .I8, .I16, .I32, .U8, .U16, .U32: return .i64
        case .BOOL: return .bool
        }
    }

    /// One line for messages: which names are read and how.
    static let supportedDescription =
        "cnnc reads F32, F64, I64 and BOOL, widens F16 and BF16 to f32, and I8, I16, I32, U8, U16 and U32 to i64"

    /// The tensor holding `bytes` (stored elements, little-endian) as its `target` type.
    func tensor(shape: [Int], bytes: [UInt8]) throws -> WeightTensor {
        switch self {
        case .F32, .F64, .I64, .BOOL: return try WeightTensor(dtype: target, shape: shape, bytes: bytes)
        case .F16: return try WeightTensor(shape: shape, elements: SafeTensorsDType.widen(bytes, from: UInt16.self, by: SafeTensorsDType.halfToFloat))
        case .BF16: return try WeightTensor(shape: shape, elements: SafeTensorsDType.widen(bytes, from: UInt16.self) { Float(bitPattern: UInt32($0) << 16) })
        case .I8: return try WeightTensor(shape: shape, elements: SafeTensorsDType.widen(bytes, from: Int8.self) { Int64($0) })
        case .I16: return try WeightTensor(shape: shape, elements: SafeTensorsDType.widen(bytes, from: Int16.self) { Int64($0) })
        case .I32: return try WeightTensor(shape: shape, elements: SafeTensorsDType.widen(bytes, from: Int32.self) { Int64($0) })
        case .U8: return try WeightTensor(shape: shape, elements: SafeTensorsDType.widen(bytes, from: UInt8.self) { Int64($0) })
        case .U16: return try WeightTensor(shape: shape, elements: SafeTensorsDType.widen(bytes, from: UInt16.self) { Int64($0) })
        case .U32: return try WeightTensor(shape: shape, elements: SafeTensorsDType.widen(bytes, from: UInt32.self) { Int64($0) })
        }
    }

    /// Reads `bytes` as little-endian `Stored` integers and converts each one.
    private static func widen<Stored: FixedWidthInteger, Element>(
        _ bytes: [UInt8], from stored: Stored.Type, by convert: (Stored) -> Element
    ) -> [Element] {
        let count = bytes.count / MemoryLayout<Stored>.size
        return bytes.withUnsafeBytes { raw in
            [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
                for index in 0..<count {
                    let value = Stored(littleEndian: raw.loadUnaligned(fromByteOffset: index * MemoryLayout<Stored>.size, as: Stored.self))
                    buffer.initializeElement(at: index, to: convert(value))
                }
                initialized = count
            }
        }
    }

    /// The IEEE 754 half-precision value with bit pattern `bits`, exactly, as a `Float`.
    static func halfToFloat(_ bits: UInt16) -> Float {
        let sign: UInt32 = UInt32(bits >> 15) << 31
        let exponent = UInt32((bits >> 10) & 0x1F)
        let mantissa = UInt32(bits & 0x3FF)
        switch exponent {
        case 0:
            // Zero or subnormal: mantissa × 2^-24, exact in Float.
            let magnitude = Float(mantissa) * 0x1.0p-24
            return sign == 0 ? magnitude : -magnitude
        case 0x1F:
            // Infinity or NaN (the payload is kept).
            return Float(bitPattern: sign | 0x7F80_0000 | (mantissa << 13))
        default:
            return Float(bitPattern: sign | ((exponent + 112) << 23) | (mantissa << 13))
        }
    }
}
