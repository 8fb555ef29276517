import Foundation
import CNNIR

/// NumPy `.npy` files: how Python users hand tensors to cnnc and get them back.
///
/// Reading accepts format versions 1.0, 2.0 and 3.0, C order, little-endian data of type
/// `<f4` (f32), `<f8` (f64), `<i8` (i64), `|b1` (bool; a byte other than 0 is true), and two
/// converted types: `|u1` (bytes, such as images) becomes f32 and `<i4` (int32, such as labels)
/// becomes i64, both exactly. Writing
/// produces version 1.0 (2.0 when the header needs more than 65535 bytes) with the header
/// padded so the data starts at a multiple of 64 bytes.
///
/// Every problem with a file (bad magic, unsupported version, Fortran order, unsupported
/// dtype, a shape that disagrees with the data, truncation, an unparsable or implausibly long
/// header) is a thrown `Diagnostic` that names the file. Sizes read from the file are checked
/// against the file's length before anything is allocated from them.
public enum Npy {
    /// The longest header cnnc accepts (NumPy itself writes a few hundred bytes at most).
    static let maximumHeaderLength = 1 << 20

    /// Reads a tensor from a `.npy` file.
    public static func read(contentsOf path: String) throws -> Tensor {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw Diagnostic("\(path): cannot read the file (\(error.localizedDescription))")
        }
        return try decode([UInt8](data), file: path)
    }

    /// Writes a tensor to a `.npy` file.
    public static func write(_ tensor: Tensor, to path: String) throws {
        do {
            try Data(encode(tensor)).write(to: URL(fileURLWithPath: path))
        } catch {
            throw Diagnostic("\(path): cannot write the file (\(error.localizedDescription))")
        }
    }

    /// Decodes the bytes of a `.npy` file; `file` names it in errors.
    public static func decode(_ bytes: [UInt8], file: String = "<npy data>") throws -> Tensor {
        do {
            return try decodeUnattributed(bytes)
        } catch let diagnostic as Diagnostic {
            throw Diagnostic("\(file): \(diagnostic.message)")
        }
    }

    /// The bytes of a `.npy` file holding `tensor`.
    public static func encode(_ tensor: Tensor) -> [UInt8] {
        let descr: String
        switch tensor.dtype {
        case .f32: descr = "<f4"
        case .f64: descr = "<f8"
        case .i64: descr = "<i8"
        case .bool: descr = "|b1"
        }
        let dict = Array(NpyHeader(descr: descr, shape: tensor.shape).text.utf8)
        /// The dict padded with spaces and a final newline so that the data starts at a multiple of 64.
        func paddedHeader(lengthSize: Int) -> [UInt8] {
            let padding = (64 - (magic.count + 2 + lengthSize + dict.count + 1) % 64) % 64
            return dict + Array(repeating: UInt8(ascii: " "), count: padding) + [UInt8(ascii: "\n")]
        }
        var header = paddedHeader(lengthSize: 2), version: UInt8 = 1
        if header.count > Int(UInt16.max) { (header, version) = (paddedHeader(lengthSize: 4), 2) }
        var bytes = magic + [version, 0]
        withUnsafeBytes(of: UInt32(header.count).littleEndian) { bytes += $0.prefix(version == 1 ? 2 : 4) }
        bytes += header
        switch tensor.storage {
        case .f32(let elements): appendLittleEndian(elements.map(\.bitPattern), to: &bytes)
        case .f64(let elements): appendLittleEndian(elements.map(\.bitPattern), to: &bytes)
        case .i64(let elements): appendLittleEndian(elements, to: &bytes)
        case .bool(let elements): bytes += elements.map { $0 ? 1 : 0 }
        }
        return bytes
    }

    /// The first six bytes of every `.npy` file.
    private static let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)

    private static func decodeUnattributed(_ bytes: [UInt8]) throws -> Tensor {
        guard bytes.count >= magic.count, Array(bytes.prefix(magic.count)) == magic else {
            throw Diagnostic("not a NumPy .npy file (the magic bytes \\x93NUMPY are missing)")
        }
        guard bytes.count >= 8 else { throw Diagnostic("the file is truncated inside the format version") }
        let (major, minor) = (bytes[6], bytes[7])
        guard [1, 2, 3].contains(major), minor == 0 else {
            throw Diagnostic("unsupported .npy format version \(major).\(minor) (cnnc reads 1.0, 2.0 and 3.0)")
        }
        let lengthSize = major == 1 ? 2 : 4
        guard bytes.count >= 8 + lengthSize else { throw Diagnostic("the file is truncated inside the header length") }
        let headerLength = (0..<lengthSize).reduce(0) { $0 | Int(bytes[8 + $1]) << (8 * $1) }
        let headerStart = 8 + lengthSize
        guard headerLength <= maximumHeaderLength else {
            throw Diagnostic("the header length \(headerLength) is implausibly large (at most \(maximumHeaderLength) bytes)")
        }
        guard headerStart + headerLength <= bytes.count else {
            throw Diagnostic("the file is truncated: the header of \(headerLength) bytes runs past the end of the file (\(bytes.count) bytes)")
        }
        let headerBytes = bytes[headerStart..<(headerStart + headerLength)]
        let headerText: String
        if major == 3 {
            guard let text = String(validating: headerBytes, as: UTF8.self) else { throw Diagnostic("the header is not valid UTF-8") }
            headerText = text
        } else {
            headerText = String(String.UnicodeScalarView(headerBytes.map { Unicode.Scalar($0) }))
        }
        let header = try NpyHeader(parsing: headerText)
        let format = try NpyElementFormat(descr: header.descr)
        guard !header.fortranOrder else {
            throw Diagnostic("Fortran-order arrays are not supported; save a C-order array (np.ascontiguousarray)")
        }
        let byteCount = dataByteCount(shape: header.shape, itemSize: format.itemSize)
        let dataStart = headerStart + headerLength, available = bytes.count - dataStart
        let needs = "shape \(describe(header.shape)) of \(header.descr) needs \(byteCount.map(String.init) ?? "more than \(Int.max)") bytes of data"
        guard let byteCount, byteCount <= available else {
            throw Diagnostic("the file is truncated: the header's \(needs), the file holds \(available)")
        }
        guard byteCount == available else { throw Diagnostic("the header's \(needs), but the file holds \(available)") }
        return try Tensor(shape: header.shape, storage: format.decode(bytes, from: dataStart, count: byteCount / format.itemSize))
    }

    /// The bytes of data a shape of non-negative sizes needs, or `nil` if that overflows `Int`.
    private static func dataByteCount(shape: [Int], itemSize: Int) -> Int? {
        if shape.contains(0) { return 0 }
        var count = itemSize
        for size in shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: size)
            if overflow { return nil }
            count = product
        }
        return count
    }

    /// Appends fixed-width integers to `bytes` in little-endian order.
    private static func appendLittleEndian<Integer: FixedWidthInteger>(_ values: [Integer], to bytes: inout [UInt8]) {
        values.map(\.littleEndian).withUnsafeBytes { bytes += $0 }
    }
}

/// An element type of `.npy` data that cnnc reads, and the tensor storage it becomes.
private enum NpyElementFormat {
    case float32, float64, int64, int32, uint8, bool

    /// The format of a NumPy type string; throws a `Diagnostic` for any other.
    init(descr: String) throws {
        let supported = "cnnc reads <f4, <f8, <i8, <i4, |u1 and |b1"
        guard let order = descr.first, "<>|=".contains(order) else {
            throw Diagnostic("unsupported dtype '\(descr)'; \(supported)")
        }
        let code = descr.dropFirst()
        switch code {
        case "u1": self = .uint8
        case "b1": self = .bool
        case "f4": self = .float32
        case "f8": self = .float64
        case "i8": self = .int64
        case "i4": self = .int32
        default:
            let kind: String
            switch code.first {
            case "c": kind = "complex numbers are not supported"
            case "O": kind = "object arrays are not supported"
            case "U", "S": kind = "string arrays are not supported"
            default: kind = "this element type is not supported"
            }
            throw Diagnostic("unsupported dtype '\(descr)': \(kind); \(supported)")
        }
        guard order == "<" || (itemSize == 1 && order != "=") else {
            throw Diagnostic("unsupported dtype '\(descr)': \(order == ">" ? "big-endian data is not supported" : "the byte order must be explicit"); \(supported)")
        }
    }

    /// The size of one element in the file.
    var itemSize: Int {
        switch self {
        case .uint8, .bool: return 1
        case .int32, .float32: return 4
        case .int64, .float64: return 8
        }
    }

    /// `count` elements starting at byte `start`, which the caller has checked are in `bytes`.
    func decode(_ bytes: [UInt8], from start: Int, count: Int) -> TensorStorage {
        bytes.withUnsafeBytes { raw in
            func load<Integer: FixedWidthInteger>(_ type: Integer.Type) -> [Integer] {
                (0..<count).map { Integer(littleEndian: raw.loadUnaligned(fromByteOffset: start + $0 * itemSize, as: type)) }
            }
            switch self {
            case .uint8: return .f32(load(UInt8.self).map(Float.init))
            case .bool: return .bool(load(UInt8.self).map { $0 != 0 })
            case .float32: return .f32(load(UInt32.self).map(Float.init(bitPattern:)))
            case .float64: return .f64(load(UInt64.self).map(Double.init(bitPattern:)))
            case .int64: return .i64(load(Int64.self))
            case .int32: return .i64(load(Int32.self).map(Int64.init))
            }
        }
    }
}
